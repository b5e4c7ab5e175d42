package com.chatrelay.chat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {

	private static final long SECOND = 1_000_000_000L;

	@Test
	void allowsTheBurstThenTheSteadyRate() {
		RateLimiter limiter = new RateLimiter(20, 40, 0);
		for (int i = 0; i < 40; i++) {
			assertThat(limiter.tryAcquire(0)).isTrue();
		}
		assertThat(limiter.tryAcquire(0)).isFalse();
		assertThat(limiter.tryAcquire(SECOND / 20)).isTrue();
		assertThat(limiter.tryAcquire(SECOND / 20)).isFalse();
	}

	@Test
	void neverSavesMoreThanTheBurst() {
		RateLimiter limiter = new RateLimiter(20, 40, 0);
		int allowed = 0;
		while (limiter.tryAcquire(100 * SECOND)) {
			allowed++;
		}
		assertThat(allowed).isEqualTo(40);
	}

}
