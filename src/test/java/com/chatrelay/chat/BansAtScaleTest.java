package com.chatrelay.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tens of thousands of bans: each still matches what it bans, expiry still holds, and a check
 * costs about the same as with a hundred (it is indexed, not a scan).
 */
class BansAtScaleTest {

	private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

	private final Clock clock = new Clock() {

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
			return BansAtScaleTest.this.now.get();
		}

	};

	@Test
	void aBanAmongTwentyThousandStillMatchesAndExpires() {
		Bans bans = new Bans(this.clock);
		fill(bans, 20_000, new Random(42));
		Ban name = bans.add("Mallory", null, "spam", null);
		Ban range = bans.add(null, "198.51.100.0/22", null, Duration.ofMinutes(5));
		Ban ipv6 = bans.add(null, "2001:db8:77::/48", null, null);
		fill(bans, 100, new Random(7));

		assertThat(bans.forName("mallory")).isEqualTo(name);
		assertThat(bans.forName("Ｍａｌｌｏｒｙ")).as("full-width").isEqualTo(name);
		assertThat(bans.forName("Mallory2")).isNull();
		assertThat(bans.forAddress("198.51.103.250")).isEqualTo(range);
		assertThat(bans.forAddress("198.51.104.1")).isNull();
		assertThat(bans.forAddress("2001:db8:77:ffff::1")).isEqualTo(ipv6);
		assertThat(bans.forAddress("2001:db9::1")).isNull();
		assertThat(bans.forAddress("user-1")).isNull();
		assertThat(bans.forName("user-123")).as("a name of the fill").isNotNull();
		assertThat(bans.active()).hasSize(20_103);

		this.now.updateAndGet((instant) -> instant.plus(Duration.ofMinutes(5)));
		assertThat(bans.forAddress("198.51.103.250")).as("expired").isNull();
		assertThat(bans.find(range.id())).isEmpty();
		assertThat(bans.remove(name.id())).contains(name);
		assertThat(bans.forName("mallory")).isNull();
		assertThat(bans.active()).hasSize(20_101);
	}

	@Test
	void aSyncWithTheClusterKeepsTheIndexRight() {
		Bans bans = new Bans(this.clock);
		Ban kept = bans.add(null, "203.0.113.0/24", null, null);
		Ban gone = bans.add("eve", null, null, null);
		long mark = bans.mark();
		Ban elsewhere = new Ban("other", null, "192.0.2.0/25", null, this.now.get(), null);
		bans.sync(List.of(new Bans.Shared(kept, 1), new Bans.Shared(elsewhere, 3)), mark);
		assertThat(bans.forAddress("203.0.113.4")).isEqualTo(kept);
		assertThat(bans.forAddress("192.0.2.100")).isEqualTo(elsewhere);
		assertThat(bans.forAddress("192.0.2.200")).isNull();
		assertThat(bans.forName("eve")).as("no longer the cluster's").isNull();
		assertThat(bans.find(gone.id())).isEmpty();
	}

	/**
	 * The checks of a login (its address, then its name) with 20,000 bans against 200 of the same
	 * kinds: the best of several rounds, so that a loaded machine slows both alike. A scan of every
	 * ban was about a hundred times slower here; an index costs about the same.
	 */
	@Test
	void aCheckCostsAboutTheSameWithTwentyThousandBansAsWithTwoHundred() {
		Bans few = new Bans(this.clock);
		fill(few, 200, new Random(1));
		Bans many = new Bans(this.clock);
		fill(many, 20_000, new Random(1));
		List<String> names = new ArrayList<>();
		List<String> hosts = new ArrayList<>();
		Random random = new Random(3);
		for (int i = 0; i < 1000; i++) {
			names.add("visitor" + i);
			hosts.add((i % 4 == 0) ? "2a02:8070:" + Integer.toHexString(random.nextInt(65536)) + "::" + i
					: "100." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256));
		}
		long fewNanos = Long.MAX_VALUE;
		long manyNanos = Long.MAX_VALUE;
		for (int round = 0; round < 12; round++) {
			fewNanos = Math.min(fewNanos, checks(few, names, hosts));
			manyNanos = Math.min(manyNanos, checks(many, names, hosts));
		}
		assertThat((double) manyNanos / fewNanos)
			.as("20,000 bans: %d ns, 200 bans: %d ns for %d logins", manyNanos, fewNanos, names.size())
			.isLessThan(3.0);
	}

	private static long checks(Bans bans, List<String> names, List<String> hosts) {
		long start = System.nanoTime();
		int found = 0;
		for (int i = 0; i < names.size(); i++) {
			found += (bans.forAddress(hosts.get(i)) != null) ? 1 : 0;
			found += (bans.forName(names.get(i)) != null) ? 1 : 0;
		}
		long took = System.nanoTime() - start;
		assertThat(found).as("none of the visitors is banned").isZero();
		return took;
	}

	/** Lengths of the blocks banned: a check looks up each length in use, so both sets use them all. */
	private static final int[] IPV4_PREFIXES = { 8, 12, 16, 20, 22, 24, 26, 28, 30 };

	private static final int[] IPV6_PREFIXES = { 32, 40, 48, 56, 60, 64, 72, 96, 112, 120 };

	/**
	 * Adds {@code count} bans: a third names, a third single addresses (IPv4 and IPv6), a third
	 * IPv4 and IPv6 blocks of the lengths above, in 10.0.0.0/8 and 2001:db8::/32 only.
	 */
	private static void fill(Bans bans, int count, Random random) {
		for (int i = 0; i < count; i++) {
			switch (i % 3) {
				case 0 -> bans.add("user-" + i, null, null, null);
				case 1 -> bans.add(null, (i % 2 == 0) ? "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256)
						: "2001:db8:" + Integer.toHexString(random.nextInt(65536)) + "::" + Integer.toHexString(random.nextInt(65536)), null, null);
				default -> bans.add(null, (i % 2 == 0) ? "10." + random.nextInt(256) + "." + random.nextInt(256) + ".0/" + IPV4_PREFIXES[i % IPV4_PREFIXES.length]
						: "2001:db8:" + Integer.toHexString(random.nextInt(65536)) + "::/" + IPV6_PREFIXES[i % IPV6_PREFIXES.length], null, null);
			}
		}
	}

}
