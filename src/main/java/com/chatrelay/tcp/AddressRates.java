package com.chatrelay.tcp;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A token bucket per client address: {@code burst} at once, refilled at {@code perSecond}.
 * Thread-safe. A bucket that filled up again is forgotten (it is the same as none), so the map
 * holds only the addresses active in the last {@code burst / perSecond} seconds.
 */
final class AddressRates {

	private static final long SWEEP_INTERVAL_NANOS = 1_000_000_000L;

	private final double tokensPerNano;

	private final double burst;

	private final LongSupplier nanoTime;

	private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final AtomicLong lastSweep;

	AddressRates(double perSecond, int burst, LongSupplier nanoTime) {
		this.tokensPerNano = perSecond / 1e9;
		this.burst = burst;
		this.nanoTime = nanoTime;
		this.lastSweep = new AtomicLong(nanoTime.getAsLong());
	}

	/** Takes a token for this address: false when it has none left. */
	boolean tryAcquire(String address) {
		long now = this.nanoTime.getAsLong();
		sweepIfDue(now);
		Bucket bucket = this.buckets.computeIfAbsent(address, (key) -> new Bucket(this.burst, now));
		synchronized (bucket) {
			bucket.refill(now, this.tokensPerNano, this.burst);
			if (bucket.tokens < 1) {
				return false;
			}
			bucket.tokens -= 1;
			return true;
		}
	}

	/** Addresses with a bucket now (for tests: the map stays small). */
	int tracked() {
		return this.buckets.size();
	}

	private void sweepIfDue(long now) {
		long last = this.lastSweep.get();
		if (now - last < SWEEP_INTERVAL_NANOS || !this.lastSweep.compareAndSet(last, now)) {
			return;
		}
		this.buckets.values().removeIf((bucket) -> {
			synchronized (bucket) {
				bucket.refill(now, this.tokensPerNano, this.burst);
				return bucket.tokens >= this.burst;
			}
		});
	}

	/** One address's tokens; guarded by its own lock. */
	private static final class Bucket {

		private double tokens;

		private long lastRefill;

		Bucket(double tokens, long now) {
			this.tokens = tokens;
			this.lastRefill = now;
		}

		void refill(long now, double tokensPerNano, double capacity) {
			long elapsed = now - this.lastRefill;
			if (elapsed > 0) {
				this.tokens = Math.min(capacity, this.tokens + elapsed * tokensPerNano);
				this.lastRefill = now;
			}
		}

	}

}
