package com.chatrelay.chat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The disconnect log keeps what an operator needs when one address floods it. */
class DisconnectLogTest {

	private final DisconnectLog log = new DisconnectLog(1000, 100);

	private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	private static DisconnectRecord record(String name, String address, int second, String reason, String detail) {
		Instant at = START.plusSeconds(second);
		return new DisconnectRecord(name, address, at, at, reason, detail);
	}

	@Test
	void connectionsWithoutANameAreOneEntryPerAddressReasonAndDetail() {
		this.log.add(record("alice", "198.51.100.1:4000", 0, "kicked", "spam"));
		for (int i = 0; i < 20_000; i++) {
			this.log.add(record(null, "203.0.113.7:" + (1024 + i % 60000), i / 1000, "too_many_from_address", "connection rate"));
		}
		this.log.add(record(null, "203.0.113.7:9", 30, "handshake_timeout", null));
		this.log.add(record(null, "203.0.113.7:10", 31, "too_many_from_address", "connection rate"));
		assertThat(this.log.newestFirst()).hasSize(3);
		DisconnectRecord storm = this.log.newestFirst().get(0);
		assertThat(storm.count()).isEqualTo(20_001);
		assertThat(storm.connectedAt()).as("the first").isEqualTo(START);
		assertThat(storm.disconnectedAt()).as("the last").isEqualTo(START.plusSeconds(31));
		assertThat(storm.remoteAddress()).isEqualTo("203.0.113.7:10");
		assertThat(this.log.newestFirst().get(1).reason()).isEqualTo("handshake_timeout");
		assertThat(this.log.newestFirst().get(2)).satisfies((kick) -> {
			assertThat(kick.name()).isEqualTo("alice");
			assertThat(kick.count()).isEqualTo(1);
		});
	}

	@Test
	void oneAddressHoldsAtMostItsShare() {
		for (int i = 0; i < 500; i++) {
			this.log.add(record("user" + i, "198.51.100." + (i % 250) + ":1", i, "client", null));
		}
		for (int i = 0; i < 5000; i++) {
			this.log.add(record("loop" + i, "203.0.113.7:" + i, 500 + i, "client", null));
		}
		assertThat(this.log.newestFirst()).hasSize(600);
		assertThat(this.log.newestFirst().get(0).name()).isEqualTo("loop4999");
		assertThat(this.log.newestFirst().get(99).name()).isEqualTo("loop4900");
		assertThat(this.log.newestFirst().get(100).name()).isEqualTo("user499");
		assertThat(this.log.newestFirst()).filteredOn((record) -> record.name().startsWith("user")).hasSize(500);
	}

	@Test
	void anIpv6ClientCountsByItsSlash64AndTheOldestGoFirst() {
		for (int i = 0; i < 300; i++) {
			this.log.add(record("v6-" + i, "2001:db8:0:1:0:0:0:" + Integer.toHexString(i + 1) + ":5555", i, "client", null));
		}
		assertThat(this.log.newestFirst()).hasSize(100);
		for (int i = 0; i < 1500; i++) {
			this.log.add(record("v4-" + i, "10.0." + (i / 250) + "." + (i % 250) + ":1", 300 + i, "client", null));
		}
		assertThat(this.log.newestFirst()).hasSize(1000).allSatisfy((record) -> assertThat(record.name()).startsWith("v4-"));
		assertThat(this.log.newestFirst().get(999).name()).isEqualTo("v4-500");
	}

}
