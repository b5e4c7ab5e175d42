package com.chatrelay.tcp;

import java.util.function.Supplier;

import com.chatrelay.chat.ChatServer;
import com.chatrelay.chat.Session;

import org.springframework.integration.ip.tcp.connection.TcpListener;
import org.springframework.messaging.support.GenericMessage;

/**
 * The admission stage of one connection, between the framer and the inbound adapter: whether a line
 * is worth cutting out, and the admitted ones handed to the adapter as messages, in order. A user over the rate limit stays over it for the
 * microseconds a read takes, so the room is asked once per read ({@link ChatServer#admits}, a question
 * without side effects); after a no, the rest of the read's lines are only measured, and the room
 * hears of them once, at the end of the read ({@link ChatServer#dropped}). A flood costs no copy and no
 * decoding. Selector thread only.
 */
final class LineAdmission implements LineFramer.Lines {

	private final TcpClient client;

	private final ChatServer server;

	private final InputEvents events;

	/** The inbound adapter, as Spring Integration registered it with the connection. */
	private final Supplier<TcpListener> adapter;

	// the lines of the current read refused after the room said no
	private int refusedLines;

	private long refusedBytes;

	private boolean overLimit;

	LineAdmission(TcpClient client, ChatServer server, InputEvents events, Supplier<TcpListener> adapter) {
		this.client = client;
		this.server = server;
		this.events = events;
		this.adapter = adapter;
	}

	TcpClient client() {
		return this.client;
	}

	/** Whether the next line goes on to the server. */
	@Override
	public boolean admits() {
		if (this.overLimit) {
			return false;
		}
		Session current = this.client.session();
		if (current == null) {
			return false; // not seen by the room yet (a PROXY header pending): nothing to count it for
		}
		this.overLimit = !this.server.admits(current);
		return !this.overLimit;
	}

	/** A line {@link #admits} said no to: {@code length} bytes with its LF. */
	@Override
	public void refused(int length) {
		if (this.overLimit) {
			this.refusedLines++;
			this.refusedBytes += length;
		}
	}

	/** An admitted line: a message of the inbound adapter, whose headers carry this client. */
	@Override
	public void line(byte[] line) {
		try {
			TcpListener listener = this.adapter.get();
			if (listener != null) {
				listener.onMessage(new GenericMessage<>(line, this.client.headers()));
			}
		}
		catch (RuntimeException ex) {
			this.events.lineFailed(ex);
		}
	}

	@Override
	public void tooLong() {
		this.events.lineTooLong();
	}

	/**
	 * The lines of one read have all been framed.
	 * @return true when the client sends faster than its rate limit: read it again later
	 */
	boolean readDone() {
		if (this.refusedLines > 0) {
			this.server.dropped(this.client.session(), this.refusedLines, this.refusedBytes);
			this.refusedLines = 0;
			this.refusedBytes = 0;
		}
		boolean wasOverLimit = this.overLimit;
		this.overLimit = false;
		return wasOverLimit;
	}

}
