package com.chatrelay.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The list of bans alone, with a hand-driven clock. */
class BansTest {

	private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

	private final Bans bans = new Bans(new Clock() {

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Instant instant() {
			return BansTest.this.now.get();
		}

	});

	private void advance(Duration duration) {
		this.now.updateAndGet((instant) -> instant.plus(duration));
	}

	@Test
	void aNameBanCoversConfusableNamesIgnoringCase() {
		Ban ban = this.bans.add("Mallory", null, "spam", null);
		assertThat(ban.name()).isEqualTo("Mallory");
		assertThat(ban.address()).isNull();
		assertThat(ban.expiresAt()).isNull();
		assertThat(this.bans.forName("mallory")).isEqualTo(ban);
		assertThat(this.bans.forName("Ｍａｌｌｏｒｙ")).as("full-width").isEqualTo(ban);
		assertThat(this.bans.forName("M\u0430llory")).as("Cyrillic a").isEqualTo(ban);
		assertThat(this.bans.forName("Mallory2")).isNull();
		assertThat(this.bans.forAddress("127.0.0.1")).isNull();
	}

	@Test
	void anAddressBanCoversItsRange() {
		Ban ban = this.bans.add(null, "203.0.113.0/24", null, null);
		assertThat(ban.address()).isEqualTo("203.0.113.0/24");
		assertThat(ban.reason()).isNull();
		assertThat(this.bans.forAddress("203.0.113.9")).isEqualTo(ban);
		assertThat(this.bans.forAddress("203.0.114.9")).isNull();
		assertThat(this.bans.forName("alice")).isNull();
	}

	@Test
	void aBanExpiresAndIsDropped() {
		Ban ban = this.bans.add(null, "2001:db8::/32", "cool off", Duration.ofHours(1));
		assertThat(ban.expiresAt()).isEqualTo(ban.createdAt().plus(Duration.ofHours(1)));
		advance(Duration.ofMinutes(59));
		assertThat(this.bans.forAddress("2001:db8::1")).isEqualTo(ban);
		assertThat(this.bans.active()).containsExactly(ban);
		advance(Duration.ofMinutes(1));
		assertThat(this.bans.forAddress("2001:db8::1")).isNull();
		assertThat(this.bans.active()).isEmpty();
		assertThat(this.bans.find(ban.id())).isEmpty();
		assertThat(this.bans.remove(ban.id())).isEmpty();
	}

	@Test
	void idsAreUniqueAndRemoveEndsABan() {
		Ban first = this.bans.add("one", null, null, null);
		Ban second = this.bans.add("one", null, null, null);
		assertThat(first.id()).isNotEqualTo(second.id());
		assertThat(this.bans.active()).containsExactly(first, second);
		assertThat(this.bans.remove(first.id())).contains(first);
		assertThat(this.bans.remove(first.id())).isEmpty();
		assertThat(this.bans.forName("one")).isEqualTo(second);
		this.bans.remove(second.id());
		assertThat(this.bans.forName("one")).isNull();
	}

	@Test
	void reasonsAreSanitized() {
		Ban ban = this.bans.add("eve", null, "bad \u001b[31mred\u202e", null);
		assertThat(ban.reason()).isEqualTo("bad [31mred");
		assertThat(this.bans.add("eve", null, "\u200b \u001b", null).reason()).isNull();
		assertThat(this.bans.add("eve", null, "r".repeat(200), null).reason()).hasSize(200);
	}

	@Test
	void badBansAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.bans.add(null, null, null, null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.bans.add("a", "127.0.0.1", null, null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.bans.add("bad name", null, null, null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.bans.add("", null, null, null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.bans.add(null, "example.com", null, null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.bans.add("a", null, "r".repeat(201), null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.bans.add("a", null, null, Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> this.bans.add("a", null, null, Duration.ofSeconds(-1)));
		assertThat(this.bans.active()).isEmpty();
	}

}
