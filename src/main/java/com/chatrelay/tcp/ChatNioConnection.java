package com.chatrelay.tcp;

import java.io.UncheckedIOException;
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
				// Spring Integration closes the connection when this returns: tell the client first
				this.onLineTooLong.accept(this);
			}
			throw ex;
		}
	}


}
