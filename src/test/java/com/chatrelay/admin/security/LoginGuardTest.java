package com.chatrelay.admin.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoginGuardTest {

	private final MutableClock clock = new MutableClock();

	private final LoginGuard guard = new LoginGuard(this.clock);

	@Test
	void tenFailuresWithinAMinuteLockTheAddressOutForAMinute() {
		for (int i = 1; i < LoginGuard.MAX_FAILURES; i++) {
			assertThat(this.guard.failed("203.0.113.7")).isEqualTo(LoginGuard.Verdict.COUNTED);
			this.clock.advance(Duration.ofSeconds(5));
		}
		assertThat(this.guard.lockedFor("203.0.113.7")).isNull();
		assertThat(this.guard.failed("203.0.113.7")).isEqualTo(LoginGuard.Verdict.LOCKED_OUT);
		assertThat(this.guard.lockedFor("203.0.113.7")).isEqualTo(LoginGuard.LOCKOUT);
		assertThat(this.guard.lockedFor("203.0.113.8")).as("another address").isNull();
		this.clock.advance(LoginGuard.LOCKOUT.minusSeconds(1));
		assertThat(this.guard.lockedFor("203.0.113.7")).isEqualTo(Duration.ofSeconds(1));
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.guard.lockedFor("203.0.113.7")).isNull();
	}

	@Test
	void failuresSpreadOverMoreThanAMinuteDoNotLock() {
		for (int i = 0; i < 3 * LoginGuard.MAX_FAILURES; i++) {
			assertThat(this.guard.failed("203.0.113.7")).isEqualTo(LoginGuard.Verdict.COUNTED);
			this.clock.advance(Duration.ofSeconds(10));
		}
		assertThat(this.guard.lockedFor("203.0.113.7")).isNull();
	}

	@Test
	void anAddressIsLockedOutAgainAfterItsLockoutEnds() {
		for (int round = 0; round < 3; round++) {
			for (int i = 1; i < LoginGuard.MAX_FAILURES; i++) {
				assertThat(this.guard.failed("203.0.113.7")).as("round %d", round).isEqualTo(LoginGuard.Verdict.COUNTED);
			}
			assertThat(this.guard.failed("203.0.113.7")).as("round %d", round).isEqualTo(LoginGuard.Verdict.LOCKED_OUT);
			this.clock.advance(LoginGuard.LOCKOUT);
			assertThat(this.guard.lockedFor("203.0.113.7")).isNull();
		}
	}

	@Test
	void aSprayFromManyAddressesStaysBoundedAndForgetsNoLockout() {
		for (int i = 0; i < LoginGuard.MAX_FAILURES; i++) {
			this.guard.failed("203.0.113.7");
		}
		for (int i = 0; i < 3 * LoginGuard.MAX_TRACKED; i++) {
			this.guard.failed("10.0." + (i / 256) + "." + (i % 256));
		}
		assertThat(this.guard.tracked()).isLessThanOrEqualTo(LoginGuard.MAX_TRACKED + 1);
		assertThat(this.guard.lockedFor("203.0.113.7")).isNotNull();
	}

	@Test
	void theAddressesOfOneIpv6Slash64CountAsOneClient() {
		for (int i = 1; i <= LoginGuard.MAX_FAILURES; i++) {
			this.guard.failed("2001:db8:1:2::" + Integer.toHexString(i));
		}
		assertThat(this.guard.lockedFor("2001:db8:1:2:ffff::1")).isNotNull();
		assertThat(this.guard.lockedFor("2001:db8:1:3::1")).as("another /64").isNull();
		assertThat(LoginGuard.clientKey("203.0.113.7")).isEqualTo("203.0.113.7");
	}

	private static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-11-26T12:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
