package com.chatrelay.admin.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed admin logins per client address: after {@link #MAX_FAILURES} within
 * {@link #WINDOW}, the address is locked out for {@link #LOCKOUT} and its requests are refused
 * before any password is checked. A success does not forget the failures: an attacker sharing an
 * address with a polling dashboard (a NAT, a port-forward) must not get ten more tries after each of
 * its calls. Plain Java with an injected clock; memory is bounded by about {@link #MAX_TRACKED}
 * addresses plus those locked out.
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
		Failures failures = this.byAddress.get(clientKey(address));
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
		String key = clientKey(address);
		if (this.byAddress.size() >= MAX_TRACKED && !this.byAddress.containsKey(key)) {
			makeRoom(now);
		}
		Failures failures = this.byAddress.computeIfAbsent(key, (unused) -> new Failures(now));
		synchronized (failures) {
			if (failures.lockedUntil != null && !now.isBefore(failures.lockedUntil)) {
				failures.lockedUntil = null; // served: the next ten failures lock it out again
				failures.windowStart = now;
				failures.count = 0;
			}
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

	/**
	 * Whom failures are counted for: the address, or for IPv6 its /64, since one client commonly has
	 * a whole /64 and could otherwise try from a new address each time.
	 */
	static String clientKey(String address) {
		if (address.indexOf(':') < 0) {
			return address;
		}
		try {
			byte[] bytes = java.net.InetAddress.getByName(address).getAddress();
			if (bytes.length != 16) {
				return address;
			}
			StringBuilder prefix = new StringBuilder();
			for (int i = 0; i < 8; i += 2) {
				prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
			}
			return prefix.append(":/64").toString();
		}
		catch (java.net.UnknownHostException ex) {
			return address; // not a literal: cannot happen for a servlet's remote address
		}
	}

	/** Addresses tracked now. */
	int tracked() {
		return this.byAddress.size();
	}

	/**
	 * The table is full: forget what has expired, then whoever is not locked out. Lockouts are never
	 * forgotten to make room, so a spray from many addresses cannot free a locked-out one.
	 */
	private void makeRoom(Instant now) {
		this.byAddress.entrySet().removeIf((entry) -> {
			Failures failures = entry.getValue();
			synchronized (failures) {
				return failures.lockedUntil == null || !now.isBefore(failures.lockedUntil);
			}
		});
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
