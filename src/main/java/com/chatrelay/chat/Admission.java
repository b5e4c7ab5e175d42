package com.chatrelay.chat;

/**
 * Whether a new connection may open: not while the relay stops, not from a banned address, not
 * while its address has used up its connection rate ({@link ConnectionRate}: spent by connections
 * that closed within seconds, a reconnect loop), not past the connection limits.
 * Called by the transport's accepting thread, once per connection.
 */
final class Admission {

	/** Why a connection is refused, and the last line its client reads. */
	record Refusal(DisconnectReason reason, String detail, byte[] lastLine) {
	}

	/** A connection closed sooner than this after it opened counts against its address's connection rate. */
	static final long SHORT_LIVED_NANOS = 10_000_000_000L;

	/** The detail of a refusal for the connection rate, in the disconnect log. */
	static final String CONNECTION_RATE = "connection rate";

	private final Departures departures;

	private final BanEnforcement bans;

	private final OpenSessions openSessions;

	private final ConnectionRate rate;

	private final AddressBuckets connectionBuckets;

	private final ChatMetrics metrics;

	Admission(Departures departures, BanEnforcement bans, OpenSessions openSessions, ConnectionRate rate, ChatMetrics metrics) {
		this.departures = departures;
		this.bans = bans;
		this.openSessions = openSessions;
		this.rate = rate;
		this.connectionBuckets = new AddressBuckets(rate.perSecond(), rate.burst(), rate.trackedAddresses());
		this.metrics = metrics;
	}

	/** @return null when the connection may open (it then holds a place in {@link OpenSessions}), else why not */
	Refusal refusal(ClientConnection connection, ClientAddress address, long nowNanos) {
		if (this.departures.isShuttingDown()) {
			return new Refusal(DisconnectReason.SHUTDOWN, null, Replies.SHUTTING_DOWN);
		}
		byte[] banned = this.bans.refusal(connection);
		if (banned != null) {
			return new Refusal(DisconnectReason.BANNED, null, banned);
		}
		if (this.rate.limits(address) && this.connectionBuckets.isEmpty(address.key(), nowNanos)) {
			this.metrics.connectionThrottled();
			// the contract's reason for what one address may not do; the detail tells the two limits apart
			return new Refusal(DisconnectReason.TOO_MANY_FROM_ADDRESS, CONNECTION_RATE, Replies.TOO_MANY_CONNECTIONS_NOW);
		}
		DisconnectReason full = this.openSessions.reserve(connection);
		if (full == DisconnectReason.SERVER_FULL) {
			return new Refusal(full, null, Replies.SERVER_FULL);
		}
		if (full != null) {
			return new Refusal(full, "max connections per address", Replies.TOO_MANY_FROM_ADDRESS);
		}
		return null;
	}

	/**
	 * A connection closed: one that lasted less than {@link #SHORT_LIVED_NANOS} takes a token from
	 * its address's bucket. Connections that stay (10,000 idle users behind one address, a NAT'd
	 * office, everybody reconnecting after a restart) never do; a loop of connect, talk, close does.
	 */
	void closed(ClientAddress address, long connectedNanos, long nowNanos) {
		if (nowNanos - connectedNanos < SHORT_LIVED_NANOS && this.rate.limits(address)) {
			this.connectionBuckets.tryAcquire(address.key(), nowNanos);
		}
	}

	/** Forgets the addresses whose bucket has refilled; about once a second. */
	void forgetFull(long nowNanos) {
		this.connectionBuckets.forgetFull(nowNanos);
	}

	/** Addresses whose connection rate is remembered. */
	int tracked() {
		return this.connectionBuckets.size();
	}

}
