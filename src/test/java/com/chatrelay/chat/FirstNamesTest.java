package com.chatrelay.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /who}'s first names are those a full case-insensitive sort would put first. */
class FirstNamesTest {

	@Test
	void keepsTheFirstNamesOfAFullSortAndCountsEverybody() {
		Random random = new Random(42);
		List<String> all = new ArrayList<>();
		FirstNames first = new FirstNames(100);
		for (int i = 0; i < 5000; i++) {
			String name = (random.nextBoolean() ? "u" : "U") + Integer.toString(random.nextInt(1_000_000), 36) + i;
			all.add(name);
			first.add(name);
		}
		all.sort(String.CASE_INSENSITIVE_ORDER);
		assertThat(first.count()).isEqualTo(5000);
		assertThat(first.sorted()).containsExactlyElementsOf(all.subList(0, 100));
	}

	@Test
	void fewerNamesThanTheLimitAreAllListed() {
		FirstNames first = new FirstNames(100);
		for (String name : new String[] { "carol", "Bob", "alice" }) {
			first.add(name);
		}
		assertThat(first.count()).isEqualTo(3);
		assertThat(first.sorted()).containsExactly("alice", "Bob", "carol");
	}

}
