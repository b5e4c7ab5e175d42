package com.chatrelay.chat;

import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * A token bucket per client address key, at most {@code capacity} of them: past it the address
 * seen longest ago is forgotten (it starts full again). A full bucket is the same as none, so
 * {@link #forgetFull} drops them. Thread-safe (a lock on this, held for a map operation).
 */
final class AddressBuckets {

	private final double perSecond;

	private final int burst;

	private final int capacity;

	// guarded by this; in access order, so the eldest is the address seen longest ago
	private final LinkedHashMap<String, RateLimiter> buckets = new LinkedHashMap<>(16, 0.75f, true);

	AddressBuckets(double perSecond, int burst, int capacity) {
		this.perSecond = perSecond;
		this.burst = burst;
		this.capacity = capacity;
	}

	/** Takes a token from the address's bucket (a new address starts full). @return false when it is empty */
	synchronized boolean tryAcquire(String key, long nowNanos) {
		RateLimiter bucket = this.buckets.get(key);
		if (bucket == null) {
			bucket = new RateLimiter(this.perSecond, this.burst, nowNanos);
			put(key, bucket);
		}
		return bucket.tryAcquire(nowNanos);
	}

	/** Whether the address's bucket is empty (an address without one has a full bucket). */
	synchronized boolean isEmpty(String key, long nowNanos) {
		RateLimiter bucket = this.buckets.get(key);
		return bucket != null && !bucket.hasToken(nowNanos);
	}

	/** A copy of the address's bucket, or null when it has none (is full). */
	synchronized RateLimiter copyOf(String key) {
		RateLimiter bucket = this.buckets.get(key);
		return (bucket != null) ? new RateLimiter(bucket) : null;
	}

	/** Keeps the lower of the address's bucket and {@code left} (which is not changed). */
	synchronized void lower(String key, RateLimiter left, long nowNanos) {
		RateLimiter bucket = this.buckets.get(key);
		RateLimiter copy = new RateLimiter(left);
		if (bucket != null) {
			bucket.lowerTo(copy, nowNanos);
		}
		else if (!copy.isFull(nowNanos)) {
			put(key, copy);
		}
	}

	/** Drops the buckets that have refilled: about once a second, so that memory follows the busy addresses. */
	synchronized void forgetFull(long nowNanos) {
		this.buckets.values().removeIf((bucket) -> bucket.isFull(nowNanos));
	}

	synchronized int size() {
		return this.buckets.size();
	}

	// called with the lock held
	private void put(String key, RateLimiter bucket) {
		if (this.buckets.size() >= this.capacity) {
			Iterator<RateLimiter> eldest = this.buckets.values().iterator();
			eldest.next();
			eldest.remove();
		}
		this.buckets.put(key, bucket);
	}

}
