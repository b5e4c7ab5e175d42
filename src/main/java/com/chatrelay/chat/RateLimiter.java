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

	/** A copy in the same state, to change apart from the original. */
	RateLimiter(RateLimiter other) {
		this.tokensPerNano = other.tokensPerNano;
		this.capacity = other.capacity;
		this.tokens = other.tokens;
		this.lastRefill = other.lastRefill;
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

	/** Whether it has refilled completely by now: then it is as good as a new one. */
	boolean isFull(long nowNanos) {
		hasToken(nowNanos);
		return this.tokens >= this.capacity;
	}

	/** Keeps the fewer tokens of this and {@code other} (both refilled to now; {@code other} is changed). */
	void lowerTo(RateLimiter other, long nowNanos) {
		hasToken(nowNanos);
		other.hasToken(nowNanos);
		this.tokens = Math.min(this.tokens, other.tokens);
	}

}
