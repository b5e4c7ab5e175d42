package com.chatrelay.cluster;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Claims stop after a failed one and start again only after a quick heartbeat; the heartbeat is the probe. */
class ClaimBreakerTest {

	private static final Duration WAIT = Duration.ofMillis(500);

	private final ClaimBreaker breaker = new ClaimBreaker(WAIT);

	@Test
	void claimsAreTriedUntilOneFails() {
		assertThat(this.breaker.allowsClaims()).isTrue();
		this.breaker.claimFailed();
		assertThat(this.breaker.allowsClaims()).isFalse();
	}

	@Test
	void afterAFailedClaimOnlyABeatAnsweredWithinTheClaimWaitReopens() {
		this.breaker.claimFailed();
		this.breaker.beat(true, WAIT.plusMillis(1));
		assertThat(this.breaker.allowsClaims()).isFalse();
		this.breaker.beat(true, WAIT);
		assertThat(this.breaker.allowsClaims()).isTrue();
	}

	@Test
	void aSlowBeatAloneStopsNothing() {
		this.breaker.beat(true, Duration.ofSeconds(30));
		assertThat(this.breaker.allowsClaims()).isTrue();
	}

	@Test
	void aBeatThatGotNoAnswerStopsClaimsHoweverQuick() {
		this.breaker.beat(false, Duration.ZERO);
		assertThat(this.breaker.allowsClaims()).isFalse();
		this.breaker.beat(true, Duration.ZERO);
		assertThat(this.breaker.allowsClaims()).isTrue();
	}

}
