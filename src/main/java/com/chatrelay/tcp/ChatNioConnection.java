package com.chatrelay.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNioConnection;

/**
 * Spring Integration's NIO connection, keeping a hand on its socket channel (for the non-blocking
 * {@link SocketWriter}) and telling the chat when a line breaks the length limit, while the client
 * can still be told why.
 */
final class ChatNioConnection extends TcpNioConnection {

	/** What {@code ByteArraySingleTerminatorSerializer} says when a line has no LF within the limit. */
	private static final String TOO_LONG_MARK = "max message length";

	private final SocketChannel channel;

	private final Consumer<ChatNioConnection> onLineTooLong;

	/**
	 * Bytes of one socket read. Spring Integration keeps a 60 KiB read buffer per connection, which
	 * would be most of an idle chat user's memory; chat lines are short, and a longer one simply
	 * takes more reads.
	 */
	static final int READ_BUFFER_BYTES = 2048;

	/** Set once the connection is on its way out: what the client still sends is thrown away. */
	private volatile boolean discardInput;

	ChatNioConnection(SocketChannel channel, boolean server, boolean lookupHost, ApplicationEventPublisher publisher,
			String factoryName, Consumer<ChatNioConnection> onLineTooLong) {
		super(channel, server, lookupHost, publisher, factoryName);
		this.channel = channel;
		this.onLineTooLong = onLineTooLong;
	}

	SocketChannel channel() {
		return this.channel;
	}

	@Override
	public Object getPayload() {
		try {
			return super.getPayload();
		}
		catch (UncheckedIOException ex) {
			String message = ex.getCause().getMessage();
			if (message != null && message.contains(TOO_LONG_MARK)) {
				stopReading();
				// Spring Integration closes the connection when this returns: tell the client first
				this.onLineTooLong.accept(this);
			}
			throw ex;
		}
	}


	@Override
	public void close() {
		stopReading();
		super.close();
	}

	/**
	 * Spring Integration's selector thread hands what it reads to a pipe of 5 buffers and blocks,
	 * for up to a minute, when the pipe is full; closing also waits for room in it. A connection
	 * that is going away must never do that to the selector that serves everybody: discard new
	 * input and empty the pipe.
	 */
	private void stopReading() {
		this.discardInput = true;
		try {
			InputStream pipe = inputStream();
			byte[] sink = new byte[8192];
			while (pipe.available() > 0 && pipe.read(sink) > 0) {
				// thrown away: the connection is closing
			}
		}
		catch (IOException ex) {
			// the pipe is closed already: nothing left to empty
		}
	}

	@Override
	protected ByteBuffer allocate(int length) {
		return super.allocate(Math.min(length, READ_BUFFER_BYTES));
	}

	@Override
	protected void sendToPipe(ByteBuffer rawBuffer) throws IOException {
		if (this.discardInput) {
			rawBuffer.clear();
			return;
		}
		super.sendToPipe(rawBuffer);
	}

}
