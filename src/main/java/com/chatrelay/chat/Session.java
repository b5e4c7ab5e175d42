package com.chatrelay.chat;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One client connection as the room sees it: its state, its name, its counters.
 * Its lines are handled one at a time (the transport keeps them in order), so the fields marked
 * "inbound only" need no locking.
 */
public final class Session {

	enum State { HANDSHAKE, CHATTING, CLOSED }

	private final ClientConnection connection;

	private final ClientAddress address;

	private final Instant connectedAt;

	private final long connectedNanos;

	private final AtomicReference<State> state = new AtomicReference<>(State.HANDSHAKE);

	private volatile String name;

	/** Set once the welcome line is queued: only then does the user receive what others say. */
	private volatile boolean welcomed;

	private volatile long lastActivityNanos;

	private volatile long lastActivityMillis;

	private final AtomicLong messagesIn = new AtomicLong();

	private final AtomicLong messagesOut = new AtomicLong();

	private final AtomicLong bytesIn = new AtomicLong();

	private final AtomicLong bytesOut = new AtomicLong();

	private volatile DisconnectReason closeReason;

	private volatile String closeDetail;

	// inbound only
	int failedNames;

	// inbound only
	RateLimiter rateLimiter;

	// inbound only
	long lastSlowDownNotice;

	Session(ClientConnection connection, ClientAddress address, Instant connectedAt, long nowNanos) {
		this.connection = connection;
		this.address = address;
		this.connectedAt = connectedAt;
		this.connectedNanos = nowNanos;
		this.lastActivityNanos = nowNanos;
		this.lastActivityMillis = connectedAt.toEpochMilli();
	}

	public ClientConnection connection() {
		return this.connection;
	}

	/** The client's address as the per-address limits count it. */
	ClientAddress address() {
		return this.address;
	}

	/** The user's name; null while in the handshake. */
	public String name() {
		return this.name;
	}

	void name(String name) {
		this.name = name;
	}

	void welcomed() {
		this.welcomed = true;
	}

	/**
	 * Makes sure the welcome line is queued before anything else: a member seen in the recipient
	 * list but still joining holds its own lock until its welcome is queued, so this waits for
	 * that (microseconds, and only during a join).
	 */
	void awaitWelcome() {
		if (!this.welcomed) {
			synchronized (this) {
				// empty on purpose: getting the lock means the join that held it has queued the welcome
			}
		}
	}

	State state() {
		return this.state.get();
	}

	boolean moveTo(State from, State to) {
		return this.state.compareAndSet(from, to);
	}

	boolean isChatting() {
		return this.state.get() == State.CHATTING;
	}

	long connectedNanos() {
		return this.connectedNanos;
	}

	long lastActivityNanos() {
		return this.lastActivityNanos;
	}

	void touched(long nowNanos, long nowMillis, long bytes) {
		this.lastActivityNanos = nowNanos;
		this.lastActivityMillis = nowMillis;
		this.bytesIn.addAndGet(bytes);
	}

	void countIn() {
		this.messagesIn.incrementAndGet();
	}

	void countOut(int bytes) {
		this.messagesOut.incrementAndGet();
		this.bytesOut.addAndGet(bytes);
	}

	/** Records why the connection ends; the first reason wins. @return true for the first */
	boolean closing(DisconnectReason reason, String detail) {
		synchronized (this) {
			if (this.closeReason != null) {
				return false;
			}
			this.closeDetail = detail;
			this.closeReason = reason;
			return true;
		}
	}

	/** True once something ended the session, even before its connection is closed. */
	boolean isClosing() {
		return this.closeReason != null;
	}

	DisconnectReason closeReason() {
		DisconnectReason reason = this.closeReason;
		return (reason != null) ? reason : DisconnectReason.CLIENT;
	}

	String closeDetail() {
		return this.closeDetail;
	}

	/** A snapshot for the admin API; {@code replicaId} is null when standalone. */
	public UserView view(String replicaId) {
		// activity is kept in milliseconds: within the millisecond of the connect it must not read as earlier
		Instant lastActivity = Instant.ofEpochMilli(this.lastActivityMillis);
		return new UserView(this.name, this.connection.id(), this.connection.remoteAddress(), this.connectedAt,
				lastActivity.isBefore(this.connectedAt) ? this.connectedAt : lastActivity, this.messagesIn.get(), this.messagesOut.get(),
				this.bytesIn.get(), this.bytesOut.get(), this.connection.pendingBytes(), replicaId);
	}

	Instant connectedAt() {
		return this.connectedAt;
	}

}
