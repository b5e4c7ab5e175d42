package com.chatrelay.chat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The room alone: no sockets, a hand-driven clock. */
class ChatRoomTest {

	private final AtomicLong nanos = new AtomicLong(1);

	private ChatRoom room(ChatLimits limits) {
		return new ChatRoom(limits, ChatMetrics.NONE, Cluster.STANDALONE, java.time.Clock.systemUTC(), this.nanos::get);
	}

	private final ChatRoom room = room(ChatLimits.defaults());

	private Session join(ChatRoom room, RecordingConnection connection, String name) {
		Session session = room.connected(connection);
		say(room, session, name);
		assertThat(connection.last()).startsWith("[SERVER] welcome, " + name + "!");
		return session;
	}

	private static void say(ChatRoom room, Session session, String line) {
		room.lineReceived(session, line.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void relaysToEverybodyButTheSender() {
		RecordingConnection a = new RecordingConnection();
		RecordingConnection b = new RecordingConnection();
		Session alice = join(this.room, a, "alice");
		join(this.room, b, "bob");
		a.clear();
		b.clear();
		say(this.room, alice, "hi");
		assertThat(b.lines()).containsExactly("[alice] hi");
		assertThat(a.lines()).isEmpty();
	}

	@Test
	void aSlowConsumerIsDroppedAndTheOthersAreTold() {
		RecordingConnection a = new RecordingConnection();
		RecordingConnection stuck = new RecordingConnection();
		Session alice = join(this.room, a, "alice");
		Session slow = join(this.room, stuck, "slow");
		stuck.limit = 0;
		say(this.room, alice, "anyone?");
		assertThat(stuck.closed).isTrue();
		assertThat(stuck.flushedBeforeClose).isFalse();
		assertThat(a.last()).isEqualTo("[SERVER] slow left the chat (slow consumer)");
		this.room.disconnected(slow);
		assertThat(this.room.users()).extracting(UserView::name).containsExactly("alice");
	}

	@Test
	void kickTellsTheUserFreesTheNameAndTellsTheOthers() {
		RecordingConnection a = new RecordingConnection();
		RecordingConnection b = new RecordingConnection();
		join(this.room, a, "alice");
		join(this.room, b, "Bob");
		assertThat(this.room.kick("BOB", "spam")).isTrue();
		assertThat(b.last()).isEqualTo("[SERVER] you were disconnected by an administrator: spam");
		assertThat(b.closed).isTrue();
		assertThat(a.last()).isEqualTo("[SERVER] Bob left the chat (kicked: spam)");
		assertThat(this.room.user("bob")).isEmpty();
		assertThat(this.room.kick("bob", "again")).isFalse();
	}

	@Test
	void announcementsReachEverybodySanitized() {
		RecordingConnection a = new RecordingConnection();
		join(this.room, a, "alice");
		this.room.announce("maintenance\u001b[5m at noon");
		assertThat(a.last()).isEqualTo("[SERVER] maintenance[5m at noon");
	}

	@Test
	void presenceGoesQuietInBigRooms() {
		ChatLimits limits = new ChatLimits(4096, 100, Duration.ofSeconds(60), Duration.ZERO, true, 20, 40, 2, 0);
		ChatRoom small = room(limits);
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
		Session session = this.room.connected(silent);
		this.nanos.addAndGet(Duration.ofSeconds(59).toNanos());
		this.room.sweepTimeouts();
		assertThat(silent.closed).isFalse();
		this.nanos.addAndGet(Duration.ofSeconds(2).toNanos());
		this.room.sweepTimeouts();
		assertThat(silent.closed).isTrue();
		this.room.disconnected(session);
		assertThat(this.room.openConnections()).isZero();
	}

	@Test
	void statsCountMessagesAndDeliveries() {
		RecordingConnection a = new RecordingConnection();
		Session alice = join(this.room, a, "alice");
		join(this.room, new RecordingConnection(), "bob");
		join(this.room, new RecordingConnection(), "carol");
		say(this.room, alice, "one");
		say(this.room, alice, "two");
		RoomStats stats = this.room.stats();
		assertThat(stats.usersOnline()).isEqualTo(3);
		assertThat(stats.messagesIn()).isEqualTo(2);
		// bob's join notice to alice, carol's to both, each line to the two others; welcomes are replies, not deliveries
		assertThat(stats.messagesDelivered()).isEqualTo(1 + 2 + 2 + 2);
	}

	@Test
	void shutdownTellsEverybodyAndRefusesNewcomers() {
		RecordingConnection a = new RecordingConnection();
		join(this.room, a, "alice");
		this.room.shutdown();
		assertThat(a.last()).isEqualTo("[SERVER] server is shutting down");
		assertThat(a.closed).isTrue();
		RecordingConnection late = new RecordingConnection();
		assertThat(this.room.connected(late)).isNull();
		assertThat(late.closed).isTrue();
	}

	@Test
	void aJoinerWhoVanishesRightAfterTheJoinNoticeIsAnnouncedAsGone() {
		RecordingConnection a = new RecordingConnection();
		RecordingConnection b = new RecordingConnection();
		join(this.room, a, "alice");
		Session bob = this.room.connected(b);
		// bob's connection drops between the notice to the others and his welcome
		a.onOffer = (line) -> {
			if (line.equals("[SERVER] bob joined the chat")) {
				this.room.disconnected(bob);
			}
		};
		a.clear();
		say(this.room, bob, "bob");
		assertThat(a.lines()).containsExactly("[SERVER] bob joined the chat", "[SERVER] bob left the chat");
		a.onOffer = (line) -> {
		};
		join(this.room, new RecordingConnection(), "bob"); // and the name is free
	}

	@Test
	void aLookAlikeOfAnOnlineNameIsTakenButItsOwnerMayChangeBetweenTheirForms() {
		RecordingConnection a = new RecordingConnection();
		Session alice = join(this.room, a, "alice");
		RecordingConnection m = new RecordingConnection();
		Session mallory = this.room.connected(m);
		say(this.room, mallory, "ALICΕ"); // a Greek capital epsilon
		assertThat(m.lines()).contains("[SERVER] error: the name ALICΕ is taken");
		say(this.room, alice, "/nick aIice"); // a capital I for the l
		assertThat(a.last()).isEqualTo("[SERVER] alice is now known as aIice");
		say(this.room, mallory, "alice");
		assertThat(m.last()).isEqualTo("Enter your name:");
		say(this.room, alice, "/nick carol");
		say(this.room, mallory, "alice");
		assertThat(m.last()).startsWith("[SERVER] welcome, alice!");
	}

}
