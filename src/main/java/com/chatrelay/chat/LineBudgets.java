package com.chatrelay.chat;

/**
 * The send-rate budget that the sessions of one address share across reconnects: a session that
 * closes leaves what remained of its bucket here, and a new session from that address starts from
 * the lowest that recent sessions left, refilled for the time since. So reconnecting never buys a
 * fresh burst, while users on one address who stay connected (a NAT'd office) each have their own
 * full one. Exempt addresses, and everything when the connection rate is off, start full.
 */
final class LineBudgets {

	private final ChatLimits limits;

	private final AddressBuckets left;

	LineBudgets(ChatLimits limits) {
		this.limits = limits;
		ConnectionRate rate = limits.connectionRate();
		this.left = new AddressBuckets(limits.linesPerSecond(), limits.burst(), rate.trackedAddresses());
	}

	/** The bucket of a session that has just been named. */
	RateLimiter start(ClientAddress address, long nowNanos) {
		RateLimiter shared = this.limits.connectionRate().limits(address) ? this.left.copyOf(address.key()) : null;
		return (shared != null) ? shared : new RateLimiter(this.limits.linesPerSecond(), this.limits.burst(), nowNanos);
	}

	/**
	 * A session closed with this bucket (called on whichever thread saw the close: the bucket is
	 * only read, and a value a moment old costs at most a line or two).
	 */
	void closed(ClientAddress address, RateLimiter bucket, long nowNanos) {
		if (bucket != null && this.limits.connectionRate().limits(address)) {
			this.left.lower(address.key(), bucket, nowNanos);
		}
	}

	void forgetFull(long nowNanos) {
		this.left.forgetFull(nowNanos);
	}

	int tracked() {
		return this.left.size();
	}

}
