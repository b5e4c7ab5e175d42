package com.chatrelay.chat;

/**
 * A token bucket: {@code burst} lines at once, refilled at {@code linesPerSecond}.
 * Not thread-safe: each user's lines are handled one at a time.
 */
final class RateLimiter {

	private final double tokensPerNano;

	private final double capacity;

	private double tokens;

	private long lastRefill;

	RateLimiter(double linesPerSecond, int burst, long nowNanos) {
		this.tokensPerNano = linesPerSecond / 1_000_000_000d;
		this.capacity = burst;
		this.tokens = burst;
		this.lastRefill = nowNanos;
	}

	boolean tryAcquire(long nowNanos) {
		if (hasToken(nowNanos)) {
			this.tokens -= 1;
			return true;
		}
		return false;
	}

	/** Whether a line would pass now, without taking its token. */
	boolean hasToken(long nowNanos) {
		long elapsed = nowNanos - this.lastRefill;
		if (elapsed > 0) {
			this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.tokensPerNano);
			this.lastRefill = nowNanos;
		}
		return this.tokens >= 1;
	}

}
