package com.chatrelay.tcp;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AddressRatesTest {

	private final AtomicLong now = new AtomicLong(1_000_000_000L);

	private final AddressRates rates = new AddressRates(2, 3, this.now::get);

	@Test
	void anAddressGetsItsBurstThenItsRateAndOthersAreNotAffected() {
		for (int i = 0; i < 3; i++) {
			assertThat(this.rates.tryAcquire("203.0.113.7")).isTrue();
		}
		assertThat(this.rates.tryAcquire("203.0.113.7")).isFalse();
		assertThat(this.rates.tryAcquire("198.51.100.1")).isTrue();
		this.now.addAndGet(500_000_000L); // half a second at 2/s: one more
		assertThat(this.rates.tryAcquire("203.0.113.7")).isTrue();
		assertThat(this.rates.tryAcquire("203.0.113.7")).isFalse();
	}

	@Test
	void addressesWhoseBucketFilledAgainAreForgotten() {
		for (int i = 0; i < 1000; i++) {
			this.rates.tryAcquire("10.0.0." + i);
		}
		assertThat(this.rates.tracked()).isEqualTo(1000);
		this.now.addAndGet(2_000_000_000L); // refilled, and a sweep is due
		this.rates.tryAcquire("10.1.1.1");
		assertThat(this.rates.tracked()).isEqualTo(1);
	}

}
