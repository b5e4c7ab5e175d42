package com.chatrelay.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed admin logins per client address: after {@link #MAX_FAILURES} within
 * {@link #WINDOW}, the address is locked out for {@link #LOCKOUT} and its requests are refused
 * before any password is checked. Plain Java with an injected clock; memory is bounded by
 * {@link #MAX_TRACKED} addresses.
 */
final class LoginGuard {

	static final int MAX_FAILURES = 10;

	static final Duration WINDOW = Duration.ofMinutes(1);

	static final Duration LOCKOUT = Duration.ofMinutes(1);

	/** Addresses tracked at once, at most: a spray from many addresses cannot grow memory. */
	static final int MAX_TRACKED = 10_000;

	/** What a failure did to its address. */
	enum Verdict { COUNTED, LOCKED_OUT }

	private final Clock clock;

	private final ConcurrentHashMap<String, Failures> byAddress = new ConcurrentHashMap<>();

	LoginGuard(Clock clock) {
		this.clock = clock;
	}

	/** How long the address is still locked out, or null when it may try. */
	Duration lockedFor(String address) {
		Failures failures = this.byAddress.get(address);
		if (failures == null) {
			return null;
		}
		synchronized (failures) {
			Instant now = this.clock.instant();
			if (failures.lockedUntil != null && now.isBefore(failures.lockedUntil)) {
				return Duration.between(now, failures.lockedUntil);
			}
			return null;
		}
	}

	Verdict failed(String address) {
		Instant now = this.clock.instant();
		if (this.byAddress.size() >= MAX_TRACKED) {
			forgetExpired(now);
		}
		Failures failures = this.byAddress.computeIfAbsent(address, (key) -> new Failures(now));
		synchronized (failures) {
			if (now.isAfter(failures.windowStart.plus(WINDOW))) {
				failures.windowStart = now;
				failures.count = 0;
			}
			failures.count++;
			if (failures.count >= MAX_FAILURES && failures.lockedUntil == null) {
				failures.lockedUntil = now.plus(LOCKOUT);
				return Verdict.LOCKED_OUT;
			}
			return Verdict.COUNTED;
		}
	}

	void succeeded(String address) {
		this.byAddress.remove(address);
	}

	/** Addresses tracked now. */
	int tracked() {
		return this.byAddress.size();
	}

	private void forgetExpired(Instant now) {
		this.byAddress.entrySet().removeIf((entry) -> {
			Failures failures = entry.getValue();
			synchronized (failures) {
				Instant windowEnd = failures.windowStart.plus(WINDOW);
				return now.isAfter(windowEnd) && (failures.lockedUntil == null || now.isAfter(failures.lockedUntil));
			}
		});
		if (this.byAddress.size() >= MAX_TRACKED) {
			this.byAddress.clear(); // a spray from more addresses than we track: start over rather than grow
		}
	}

	/** One address's failures in its current window; guarded by itself. */
	private static final class Failures {

		Instant windowStart;

		int count;

		Instant lockedUntil;

		Failures(Instant windowStart) {
			this.windowStart = windowStart;
		}

	}

}
