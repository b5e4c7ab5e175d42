package com.chatrelay.tcp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A connection's graceful close, once its last bytes were handed to the socket: at once if the
 * client has nothing unread on its way in (a refused or quiet client), else FIN first and then the
 * client's input read and dropped until it closes or {@link #DROP_INPUT_FOR_MILLIS} ends. Closing a
 * socket with unread input resets it, and the client could lose the lines it was just sent
 * ("lingering close", as web servers do).
 */
final class LingeringClose {

	/** The longest the input of a connection that sent FIN is read and dropped before it is closed. */
	static final long DROP_INPUT_FOR_MILLIS = 2000;

	private final ScheduledExecutorService timer;

	/** Everything was sent and FIN is out: input is read only to be dropped, until EOF or the time ends. */
	private volatile boolean lingering;

	LingeringClose(ScheduledExecutorService timer) {
		this.timer = timer;
	}

	boolean lingering() {
		return this.lingering;
	}

	/** Closes {@code connection}, now or after FIN and a linger. */
	void close(ChatNioConnection connection) {
		if (this.lingering) {
			connection.close();
			return;
		}
		TlsConnection tls = connection.tls();
		// TLS lingers whenever the client may still send: its unread bytes cannot be peeked at in passing
		boolean linger = !connection.inputEnded() && (tls != null || hasUnreadInput(connection));
		if (tls != null) {
			this.lingering = linger; // first: a read racing with close_notify then drops its bytes instead of failing
			tls.closeNotify();
		}
		if (!linger) {
			connection.close();
			return;
		}
		this.lingering = true;
		try {
			connection.channel().shutdownOutput();
		}
		catch (IOException ex) {
			connection.close();
			return;
		}
		InputEvents events = connection.events();
		if (events != null) {
			events.finished();
		}
		this.timer.schedule(connection::close, DROP_INPUT_FOR_MILLIS, TimeUnit.MILLISECONDS);
	}

	/** Reads (and drops) a little: whether the client sent something the relay has not read. */
	private static boolean hasUnreadInput(ChatNioConnection connection) {
		try {
			return connection.channel().read(ByteBuffer.allocate(256)) > 0;
		}
		catch (IOException ex) {
			return false; // reset or closed: there is nobody to linger for
		}
	}

}
