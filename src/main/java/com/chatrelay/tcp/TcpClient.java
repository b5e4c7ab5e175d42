package com.chatrelay.tcp;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.chatrelay.chat.ClientConnection;
import com.chatrelay.chat.DisconnectReason;
import com.chatrelay.chat.Session;
import com.chatrelay.logging.QuietLog;

import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.GenericMessage;

/**
 * One chat user's socket as the server sees it: a line offered to it is a message to Spring
 * Integration's outbound adapter (which frames it and finds the connection by the id in its
 * headers), and closing it waits, bounded, for its queue to be written.
 */
final class TcpClient implements ClientConnection {

	/** The longest a closing connection is kept for a client that reads its last lines slowly. */
	private static final Duration MAX_CLOSE_WAIT = Duration.ofSeconds(30);

	/**
	 * A closing connection whose client took nothing for this long is closed. Longer than one
	 * check: the kernel reports a socket writable only once a third of its send buffer is free,
	 * which takes seconds for a slow reader behind a large loopback buffer.
	 */
	private static final Duration STALL_BEFORE_CLOSE = Duration.ofSeconds(6);

	private final ChatNioConnection connection;

	private final MessageChannel outbound;

	private final ConnectionHeaders headers;

	private final ScheduledExecutorService timer;

	private final Duration closingCheck;

	private final QuietLog failures;

	private volatile Session session;

	/**
	 * @param closingCheck how often a closing connection's queue is checked for progress
	 */
	TcpClient(ChatNioConnection connection, MessageChannel outbound, ScheduledExecutorService timer,
			Duration closingCheck, QuietLog failures) {
		this.connection = connection;
		this.outbound = outbound;
		this.headers = new ConnectionHeaders(connection.getConnectionId(), this);
		this.timer = timer;
		this.closingCheck = closingCheck;
		this.failures = failures;
	}

	ConnectionHeaders headers() {
		return this.headers;
	}

	Session session() {
		return this.session;
	}

	void session(Session session) {
		this.session = session;
	}

	@Override
	public String id() {
		return this.connection.getConnectionId();
	}

	/** The client's: behind a trusted proxy, the address its PROXY header carried. */
	@Override
	public String remoteHost() {
		return this.connection.peer().host();
	}

	@Override
	public String remoteAddress() {
		return this.connection.peer().host() + ":" + this.connection.peer().port();
	}

	String describe() {
		return this.connection.describe();
	}

	/** Synchronized with {@link #closeAfter}, so that nothing slips in after a client's last line. */
	@Override
	public synchronized boolean offer(byte[] line) {
		OutboundQueue queue = this.connection.outbound();
		if (queue.isClosing()) {
			return true; // on its way out: nothing more is sent, and that is not an overflow
		}
		try {
			this.outbound.send(new GenericMessage<>(line, this.headers));
		}
		catch (MessagingException ex) {
			if (this.connection.isOpen()) {
				// one socket's failure must not stop a broadcast to everybody else
				this.failures.warn("sending to " + this.connection.describe() + " failed; closing it", ex);
				closeNow();
			}
			return true;
		}
		return !queue.overflowed();
	}

	@Override
	public boolean stalled() {
		return this.connection.outbound().stalled();
	}

	@Override
	public long pendingBytes() {
		return this.connection.outbound().pendingBytes();
	}

	@Override
	public synchronized void closeAfter(byte[] lastLine) {
		offer(lastLine);
		closeAfterFlush();
	}

	@Override
	public void closeAfterFlush() {
		if (this.connection.outbound().closeWhenDrained()) {
			this.connection.closeGracefully();
		}
		else if (this.connection.isOpen()) {
			// a client that reads slowly gets its last lines; one that stops reading does not hold the connection
			long since = System.nanoTime();
			this.timer.schedule(() -> closeUnlessReading(since), this.closingCheck.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	/** Closes a closing connection whose client stopped taking its lines, or that took too long. */
	private void closeUnlessReading(long since) {
		if (!this.connection.isOpen()) {
			return;
		}
		long now = System.nanoTime();
		// a TLS client still in its handshake had one check's time to finish it and read its last line
		boolean reading = this.connection.established()
				&& now - this.connection.outbound().lastProgressNanos() < STALL_BEFORE_CLOSE.toNanos();
		if (reading && now - since < MAX_CLOSE_WAIT.toNanos()) {
			this.timer.schedule(() -> closeUnlessReading(since), this.closingCheck.toMillis(), TimeUnit.MILLISECONDS);
			return;
		}
		closeNow();
	}

	@Override
	public void closeNow() {
		this.connection.close();
	}

	/**
	 * A TLS client gets this long to finish its handshake (chat.tcp.ssl.handshake-timeout): one that
	 * sent a hello and stalls holds a socket and an engine, and the name's timeout is much longer.
	 */
	void closeUnlessSecuredWithin(Duration timeout, InputEvents events) {
		this.timer.schedule(() -> {
			if (!this.connection.established() && this.connection.isOpen()) {
				events.refused(DisconnectReason.HANDSHAKE_TIMEOUT, "TLS handshake not finished within " + timeout);
			}
		}, timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

}
