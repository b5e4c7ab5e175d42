package com.chatrelay.chat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one address gets by reconnecting, in the room alone with a hand-driven clock: a connection
 * rate per address with a burst, and one send budget across its reconnects.
 */
class ReconnectLimitsTest {

	private static final long SECOND = 1_000_000_000L;

	private final AtomicLong nanos = new AtomicLong(1);

	private final Map<DisconnectReason, Integer> closed = new EnumMap<>(DisconnectReason.class);

	private final AtomicInteger throttled = new AtomicInteger();

	private final ChatMetrics metrics = new ChatMetrics() {

		@Override
		public void connectionClosed(DisconnectReason reason) {
			ReconnectLimitsTest.this.closed.merge(reason, 1, Integer::sum);
		}

		@Override
		public void connectionThrottled() {
			ReconnectLimitsTest.this.throttled.incrementAndGet();
		}

	};

	private final ChatServer server = server(new ConnectionRate(true, 1, 30, List.of(AddressRange.parse("192.0.2.0/24")), 1000));

	private ChatServer server(ConnectionRate rate) {
		ChatLimits limits = new ChatLimits(4096, 10000, Duration.ofSeconds(60), Duration.ZERO, true, 20, 40, 1000, 0, rate);
		return new ChatServer(limits, this.metrics, Cluster.STANDALONE, java.time.Clock.systemUTC(), this.nanos::get);
	}

	private Session join(String address, String name) {
		RecordingConnection connection = new RecordingConnection(address);
		Session session = this.server.connected(connection);
		assertThat(session).as("%s admitted", name).isNotNull();
		say(session, name);
		assertThat(connection.last()).startsWith("[SERVER] welcome, " + name + "!");
		return session;
	}

	private void say(Session session, String line) {
		this.server.lineReceived(session, line.getBytes(StandardCharsets.UTF_8));
	}

	/** Lines of the session that reached another user, of {@code count} sent. */
	private int relayed(Session session, RecordingConnection reader, int count) {
		reader.clear();
		for (int i = 0; i < count; i++) {
			say(session, "line " + i);
		}
		return (int) reader.lines().stream().filter((line) -> line.startsWith("[" + session.name() + "] ")).count();
	}

	@Test
	void anAddressMayReconnectItsBurstAtOnceThenAtItsRate() {
		for (int i = 0; i < 30; i++) {
			Session session = this.server.connected(new RecordingConnection("203.0.113.7:" + (1000 + i)));
			assertThat(session).as("connection %d", i).isNotNull();
			this.server.disconnected(session); // a reconnect loop: connect and close at once
		}
		RecordingConnection refused = new RecordingConnection("203.0.113.7:2000");
		assertThat(this.server.connected(refused)).isNull();
		assertThat(refused.lines()).containsExactly("[SERVER] error: too many connections from your address, try again later");
		assertThat(refused.closed).isTrue();
		assertThat(this.closed).containsEntry(DisconnectReason.TOO_MANY_FROM_ADDRESS, 1);
		assertThat(this.throttled).hasValue(1);
		assertThat(this.server.recentDisconnects().get(0)).satisfies((record) -> {
			assertThat(record.reason()).isEqualTo("too_many_from_address");
			assertThat(record.detail()).isEqualTo("connection rate");
		});
		assertThat(this.server.connected(new RecordingConnection("203.0.113.8:1"))).as("another address").isNotNull();
		assertThat(this.server.connected(new RecordingConnection("192.0.2.9:1"))).as("exempt").isNotNull();
		this.nanos.addAndGet(SECOND);
		Session again = this.server.connected(new RecordingConnection("203.0.113.7:2001"));
		assertThat(again).as("a second later").isNotNull();
		this.server.disconnected(again);
		assertThat(this.server.connected(new RecordingConnection("203.0.113.7:2002"))).isNull();
	}

	@Test
	void connectionsThatStayAreNeverThrottled() {
		for (int i = 0; i < 500; i++) {
			assertThat(this.server.connected(new RecordingConnection("203.0.113.7:" + (1000 + i)))).as("connection %d", i).isNotNull();
		}
		Session late = this.server.connected(new RecordingConnection("203.0.113.9:1"));
		this.nanos.addAndGet(11 * SECOND);
		this.server.disconnected(late); // closed after more than 10 s: not a reconnect loop
		assertThat(this.throttled).hasValue(0);
	}

	@Test
	void anIpv6ClientCountsByItsSlash64() {
		for (int i = 0; i < 30; i++) {
			Session session = this.server.connected(new RecordingConnection("2001:db8:1:2:0:0:0:" + Integer.toHexString(i + 1) + ":4000"));
			assertThat(session).isNotNull();
			this.server.disconnected(session);
		}
		assertThat(this.server.connected(new RecordingConnection("2001:db8:1:2:ffff:0:0:1:4000"))).as("same /64").isNull();
		assertThat(this.server.connected(new RecordingConnection("2001:db8:1:3:0:0:0:1:4000"))).as("next /64").isNotNull();
	}

	@Test
	void exemptAddressesAndAnOffSwitchAreNeverThrottled() {
		for (int i = 0; i < 100; i++) {
			assertThat(this.server.connected(new RecordingConnection("192.0.2.200:" + i))).isNotNull();
		}
		ChatServer off = server(ConnectionRate.OFF);
		for (int i = 0; i < 100; i++) {
			assertThat(off.connected(new RecordingConnection("203.0.113.7:" + i))).isNotNull();
		}
		assertThat(this.throttled).hasValue(0);
	}

	@Test
	void reconnectingDoesNotBuyAFreshBurst() {
		RecordingConnection reader = new RecordingConnection("198.51.100.1:1");
		this.server.connected(reader);
		say(this.server.sessions().iterator().next(), "reader");
		Session first = join("203.0.113.7:1", "loop-1");
		assertThat(relayed(first, reader, 60)).isEqualTo(40);
		this.server.disconnected(first);
		Session second = join("203.0.113.7:2", "loop-2");
		assertThat(relayed(second, reader, 60)).as("right after").isZero();
		this.server.disconnected(second);
		this.nanos.addAndGet(SECOND / 2);
		Session third = join("203.0.113.7:3", "loop-3");
		assertThat(relayed(third, reader, 60)).as("half a second later: what refilled").isEqualTo(10);
		this.server.disconnected(third);
		this.nanos.addAndGet(2 * SECOND);
		Session rested = join("203.0.113.7:4", "loop-4");
		assertThat(relayed(rested, reader, 60)).as("refilled").isEqualTo(40);
	}

	@Test
	void usersOfOneAddressWhoStayConnectedEachHaveTheirBurst() {
		RecordingConnection reader = new RecordingConnection("198.51.100.1:1");
		this.server.connected(reader);
		say(this.server.sessions().iterator().next(), "reader");
		for (int i = 0; i < 20; i++) {
			Session colleague = join("203.0.113.7:" + (100 + i), "office-" + i);
			assertThat(relayed(colleague, reader, 40)).as("office-%d", i).isEqualTo(40);
		}
		Session exempt = join("192.0.2.5:1", "monitor-1");
		relayed(exempt, reader, 40);
		this.server.disconnected(exempt);
		assertThat(relayed(join("192.0.2.5:2", "monitor-2"), reader, 40)).as("exempt: fresh").isEqualTo(40);
	}

	@Test
	void theBucketsOfManyAddressesAreBounded() {
		ChatServer small = server(new ConnectionRate(true, 1, 30, List.of(), 100));
		for (int i = 0; i < 5000; i++) {
			small.connected(new RecordingConnection("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255) + ":1"));
		}
		assertThat(small.trackedAddresses()).isLessThanOrEqualTo(100);
		this.nanos.addAndGet(60 * SECOND);
		small.sweepTimeouts();
		assertThat(small.trackedAddresses()).as("refilled buckets are forgotten").isZero();
	}

}
