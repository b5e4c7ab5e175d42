package com.chatrelay.chat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import com.chatrelay.support.DefaultSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The room alone: no sockets, a hand-driven clock. */
class ChatServerTest {

	private final AtomicLong nanos = new AtomicLong(1);

	private ChatServer server(ChatLimits limits) {
		return new ChatServer(limits, ChatMetrics.NONE, Cluster.STANDALONE, java.time.Clock.systemUTC(), this.nanos::get);
	}

	private final ChatServer server = server(DefaultSettings.limits());

	private Session join(ChatServer server, RecordingConnection connection, String name) {
		Session session = server.connected(connection);
		say(server, session, name);
		assertThat(connection.last()).startsWith("[SERVER] welcome, " + name + "!");
		return session;
	}

	private static void say(ChatServer server, Session session, String line) {
		server.lineReceived(session, line.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void relaysToEverybodyButTheSender() {
		RecordingConnection a = new RecordingConnection();
		RecordingConnection b = new RecordingConnection();
		Session alice = join(this.server, a, "alice");
		join(this.server, b, "bob");
		a.clear();
		b.clear();
		say(this.server, alice, "hi");
		assertThat(b.lines()).containsExactly("[alice] hi");
		assertThat(a.lines()).isEmpty();
	}

	@Test
	void aSlowConsumerIsDroppedAndTheOthersAreTold() {
		RecordingConnection a = new RecordingConnection();
		RecordingConnection stuck = new RecordingConnection();
		Session alice = join(this.server, a, "alice");
		Session slow = join(this.server, stuck, "slow");
		stuck.limit = 0;
		say(this.server, alice, "anyone?");
		assertThat(stuck.closed).isTrue();
		assertThat(stuck.flushedBeforeClose).isFalse();
		assertThat(a.last()).isEqualTo("[SERVER] slow left the chat (slow consumer)");
		this.server.disconnected(slow);
		assertThat(this.server.users()).extracting(UserView::name).containsExactly("alice");
	}

	@Test
	void kickTellsTheUserFreesTheNameAndTellsTheOthers() {
		RecordingConnection a = new RecordingConnection();
		RecordingConnection b = new RecordingConnection();
		join(this.server, a, "alice");
		join(this.server, b, "Bob");
		assertThat(this.server.kick("BOB", "spam")).isTrue();
		assertThat(b.last()).isEqualTo("[SERVER] you were disconnected by an administrator: spam");
		assertThat(b.closed).isTrue();
		assertThat(a.last()).isEqualTo("[SERVER] Bob left the chat (kicked: spam)");
		assertThat(this.server.user("bob")).isEmpty();
		assertThat(this.server.kick("bob", "again")).isFalse();
	}

	@Test
	void announcementsReachEverybodySanitized() {
		RecordingConnection a = new RecordingConnection();
		join(this.server, a, "alice");
		this.server.announce("maintenance\u001b[5m at noon");
		assertThat(a.last()).isEqualTo("[SERVER] maintenance[5m at noon");
	}

	@Test
	void presenceGoesQuietInBigRooms() {
		ChatLimits limits = new ChatLimits(4096, 100, Duration.ofSeconds(60), Duration.ZERO, true, 20, 40, 2, 0);
		ChatServer small = server(limits);
		RecordingConnection a = new RecordingConnection();
		join(small, a, "alice");
		a.clear();
		join(small, new RecordingConnection(), "bob");
		assertThat(a.lines()).isEmpty();
		assertThat(small.users()).hasSize(2);
	}

	@Test
	void handshakeTimeoutClosesSilentConnections() {
		RecordingConnection silent = new RecordingConnection();
		Session session = this.server.connected(silent);
		this.nanos.addAndGet(Duration.ofSeconds(59).toNanos());
		this.server.sweepTimeouts();
		assertThat(silent.closed).isFalse();
		this.nanos.addAndGet(Duration.ofSeconds(2).toNanos());
		this.server.sweepTimeouts();
		assertThat(silent.closed).isTrue();
		this.server.disconnected(session);
		assertThat(this.server.openConnections()).isZero();
	}

	@Test
	void statsCountMessagesAndDeliveries() {
		RecordingConnection a = new RecordingConnection();
		Session alice = join(this.server, a, "alice");
		join(this.server, new RecordingConnection(), "bob");
		join(this.server, new RecordingConnection(), "carol");
		say(this.server, alice, "one");
		say(this.server, alice, "two");
		RoomStats stats = this.server.stats();
		assertThat(stats.usersOnline()).isEqualTo(3);
		assertThat(stats.messagesIn()).isEqualTo(2);
		assertThat(stats.messagesDelivered()).isGreaterThanOrEqualTo(4);
	}

	@Test
	void shutdownTellsEverybodyAndRefusesNewcomers() {
		RecordingConnection a = new RecordingConnection();
		join(this.server, a, "alice");
		this.server.shutdown();
		assertThat(a.last()).isEqualTo("[SERVER] server is shutting down");
		assertThat(a.closed).isTrue();
		RecordingConnection late = new RecordingConnection();
		assertThat(this.server.connected(late)).isNull();
		assertThat(late.closed).isTrue();
	}

	@Test
	void aJoinerWhoVanishesRightAfterTheJoinNoticeIsAnnouncedAsGone() {
		RecordingConnection a = new RecordingConnection();
		RecordingConnection b = new RecordingConnection();
		join(this.server, a, "alice");
		Session bob = this.server.connected(b);
		// bob's connection drops between the notice to the others and his welcome
		a.onOffer = (line) -> {
			if (line.equals("[SERVER] bob joined the chat")) {
				this.server.disconnected(bob);
			}
		};
		a.clear();
		say(this.server, bob, "bob");
		assertThat(a.lines()).containsExactly("[SERVER] bob joined the chat", "[SERVER] bob left the chat");
		a.onOffer = (line) -> {
		};
		join(this.server, new RecordingConnection(), "bob"); // and the name is free
	}

	@Test
	void aLookAlikeOfAnOnlineNameIsTakenButItsOwnerMayChangeBetweenTheirForms() {
		RecordingConnection a = new RecordingConnection();
		Session alice = join(this.server, a, "alice");
		RecordingConnection m = new RecordingConnection();
		Session mallory = this.server.connected(m);
		say(this.server, mallory, "ALICΕ"); // a Greek capital epsilon
		assertThat(m.lines()).contains("[SERVER] error: the name ALICΕ is taken");
		say(this.server, alice, "/nick aIice"); // a capital I for the l
		assertThat(a.last()).isEqualTo("[SERVER] alice is now known as aIice");
		say(this.server, mallory, "alice");
		assertThat(m.last()).isEqualTo("Enter your name:");
		say(this.server, alice, "/nick carol");
		say(this.server, mallory, "alice");
		assertThat(m.last()).startsWith("[SERVER] welcome, alice!");
	}

}
