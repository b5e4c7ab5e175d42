package com.chatrelay.descriptors;

import java.util.OptionalLong;

import com.chatrelay.chat.ChatLimits;
import com.chatrelay.support.DefaultSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DescriptorBudgetTest {

	private final ChatLimits limits = DefaultSettings.limits(); // 10000 connections

	@Test
	void aLimitThatFitsIsKept() {
		assertThat(DescriptorBudget.fit(this.limits, 256, OptionalLong.of(20_000))).isEqualTo(this.limits);
		assertThat(DescriptorBudget.fit(this.limits, 256, OptionalLong.of(10_256))).isEqualTo(this.limits);
	}

	@Test
	void aLimitThatDoesNotFitIsLoweredToWhatFitsBesideTheReserve() {
		ChatLimits fitted = DescriptorBudget.fit(this.limits, 256, OptionalLong.of(1024));
		assertThat(fitted.maxConnections()).isEqualTo(768);
		assertThat(fitted.withMaxConnections(10000)).isEqualTo(this.limits);
	}

	@Test
	void aReserveLargerThanTheLimitStillLeavesOneConnection() {
		assertThat(DescriptorBudget.fit(this.limits, 256, OptionalLong.of(100)).maxConnections()).isEqualTo(1);
	}

	@Test
	void anUnknownLimitChangesNothing() {
		assertThat(DescriptorBudget.fit(this.limits, 256, OptionalLong.empty())).isEqualTo(this.limits);
	}

	@Test
	void thisJvmKnowsItsLimit() {
		assertThat(DescriptorBudget.processLimit()).isPresent();
	}

}
