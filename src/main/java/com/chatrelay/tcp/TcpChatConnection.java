package com.chatrelay.tcp;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.chatrelay.chat.ChatRoom;
import com.chatrelay.chat.ClientConnection;
import com.chatrelay.chat.DisconnectReason;
import com.chatrelay.chat.Session;
import com.chatrelay.logging.QuietLog;

import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.GenericMessage;

/**
 * One chat user's socket as the room sees it: lines offered to it leave through Spring
 * Integration's outbound adapter, and what its input does (lines, end, failures) reaches the room.
 */
final class TcpChatConnection implements ClientConnection, ChatNioConnection.Input {

	/** The longest a closing connection is kept for a client that reads its last lines slowly. */
	private static final Duration MAX_CLOSE_WAIT = Duration.ofSeconds(30);

	/**
	 * A closing connection whose client took nothing for this long is closed. Longer than one
	 * check: the kernel reports a socket writable only once a third of its send buffer is free,
	 * which takes seconds for a slow reader behind a large loopback buffer.
	 */
	private static final Duration STALL_BEFORE_CLOSE = Duration.ofSeconds(6);

	private final ChatNioConnection nio;

	private final ChatRoom room;

	private final MessageChannel outbound;

	private final ConnectionHeaders headers;

	private final ScheduledExecutorService timer;

	private final Duration closeLinger;

	private final QuietLog failures;

	private volatile Session session;

	// selector thread only: the lines of the current read dropped after the rate limit said no once
	private int droppedLines;

	// selector thread only
	private long droppedBytes;

	// selector thread only
	private boolean overLimit;

	TcpChatConnection(ChatNioConnection nio, ChatRoom room, MessageChannel outbound, ScheduledExecutorService timer,
			Duration closeLinger, QuietLog failures) {
		this.nio = nio;
		this.room = room;
		this.outbound = outbound;
		this.headers = new ConnectionHeaders(nio.getConnectionId());
		this.timer = timer;
		this.closeLinger = closeLinger;
		this.failures = failures;
	}

	Session session() {
		return this.session;
	}

	void session(Session session) {
		this.session = session;
	}

	@Override
	public String id() {
		return this.nio.getConnectionId();
	}

	/** The client's: behind a trusted proxy, the address its PROXY header carried. */
	@Override
	public String remoteHost() {
		return this.nio.clientHost();
	}

	@Override
	public String remoteAddress() {
		return this.nio.clientHost() + ":" + this.nio.clientPort();
	}

	// ---- out ----

	/** Synchronized with {@link #closeAfter}, so that nothing slips in after a client's last line. */
	@Override
	public synchronized boolean offer(byte[] line) {
		OutboundQueue queue = this.nio.outbound();
		if (queue.isClosing()) {
			return true; // on its way out: nothing more is sent, and that is not an overflow
		}
		try {
			this.outbound.send(new GenericMessage<>(line, this.headers));
		}
		catch (MessagingException ex) {
			if (this.nio.isOpen()) {
				// one socket's failure must not stop a broadcast to everybody else
				this.failures.warn("sending to " + this.nio.describe() + " failed; closing it", ex);
				closeNow();
			}
			return true;
		}
		return !queue.overflowed();
	}

	@Override
	public boolean stalled() {
		return this.nio.outbound().stalled();
	}

	@Override
	public long pendingBytes() {
		return this.nio.outbound().pendingBytes();
	}

	@Override
	public synchronized void closeAfter(byte[] lastLine) {
		offer(lastLine);
		closeAfterFlush();
	}

	@Override
	public void closeAfterFlush() {
		if (this.nio.outbound().closeWhenDrained()) {
			this.nio.closeGracefully();
		}
		else if (this.nio.isOpen()) {
			// a client that reads slowly gets its last lines; one that stops reading does not hold the connection
			long since = System.nanoTime();
			this.timer.schedule(() -> closeUnlessReading(since), this.closeLinger.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	/** Closes a closing connection whose client stopped taking its lines, or that took too long. */
	private void closeUnlessReading(long since) {
		if (!this.nio.isOpen()) {
			return;
		}
		long now = System.nanoTime();
		// a TLS client still in its handshake had one linger to finish it and read its last line
		boolean reading = this.nio.established()
				&& now - this.nio.outbound().lastProgressNanos() < STALL_BEFORE_CLOSE.toNanos();
		if (reading && now - since < MAX_CLOSE_WAIT.toNanos()) {
			this.timer.schedule(() -> closeUnlessReading(since), this.closeLinger.toMillis(), TimeUnit.MILLISECONDS);
			return;
		}
		closeNow();
	}

	@Override
	public void closeNow() {
		this.nio.close();
	}

	// ---- in: on the selector thread ----

	/**
	 * Asks the room once per read: a user over the rate limit stays over it for the microseconds a
	 * read takes, so a flood's lines after the first refused one are only counted.
	 */
	@Override
	public boolean admits(int length) {
		if (this.overLimit) {
			this.droppedLines++;
			this.droppedBytes += length;
			return false;
		}
		Session current = this.session;
		if (current == null) {
			return false;
		}
		boolean admitted = this.room.admits(current, length);
		this.overLimit = !admitted;
		return admitted;
	}

	@Override
	public boolean readDone() {
		if (this.droppedLines > 0) {
			this.room.dropped(this.session, this.droppedLines, this.droppedBytes);
			this.droppedLines = 0;
			this.droppedBytes = 0;
		}
		boolean wasOverLimit = this.overLimit;
		this.overLimit = false;
		return wasOverLimit;
	}

	@Override
	public void lineTooLong() {
		Session current = this.session;
		if (current != null) {
			this.room.lineTooLong(current);
		}
		else {
			closeNow();
		}
	}

	@Override
	public void ended() {
		// every line it sent was handled; what it was sent still goes out before the close
		closeAfterFlush();
	}

	@Override
	public void finished() {
		Session current = this.session;
		if (current != null) {
			this.room.disconnected(current);
		}
	}

	@Override
	public void failed(IOException failure) {
		closeNow();
	}

	@Override
	public void protocolFailed(IOException failure) {
		Session current = this.session;
		if (current != null) {
			this.room.protocolFailed(current, "TLS: " + failure.getMessage());
		}
		closeNow();
	}

	@Override
	public void proxyHeaderRead() {
		this.session = this.room.connected(this);
	}

	@Override
	public void proxyHeaderFailed(String why) {
		this.room.failedBeforeConnect(this, why);
	}

	@Override
	public void refused(DisconnectReason reason, String detail) {
		Session current = this.session;
		if (current != null) {
			this.room.transportClosing(current, reason, detail);
		}
		closeNow();
	}

	/**
	 * A TLS client gets this long to finish its handshake (chat.tcp.ssl.handshake-timeout): one that
	 * sent a hello and stalls holds a socket and an engine, and the name's timeout is much longer.
	 */
	void closeUnlessSecuredWithin(Duration timeout) {
		this.timer.schedule(() -> {
			if (!this.nio.established() && this.nio.isOpen()) {
				refused(DisconnectReason.HANDSHAKE_TIMEOUT, "TLS handshake not finished within " + timeout);
			}
		}, timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void lineFailed(RuntimeException failure) {
		this.failures.warn("handling a line of " + this.nio.describe() + " failed; the line is dropped", failure);
		Session current = this.session;
		if (current != null) {
			this.room.lineFailed(current);
		}
	}

}
