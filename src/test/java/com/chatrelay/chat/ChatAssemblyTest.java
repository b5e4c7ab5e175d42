package com.chatrelay.chat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import com.chatrelay.support.DefaultSettings;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The parts {@link ChatAssembly} builds are wired to each other, each once, with no service half built. */
class ChatAssemblyTest {

	private final AtomicLong nanos = new AtomicLong(1);

	private final ChatAssembly parts = new ChatAssembly(DefaultSettings.limits(), ChatMetrics.NONE, Cluster.STANDALONE,
			Clock.systemUTC(), this.nanos::get);

	private Session join(RecordingConnection connection, String name) {
		Session session = this.parts.sessions.connected(connection);
		this.parts.handshake.nameReceived(session, name.getBytes(StandardCharsets.UTF_8));
		assertThat(session.isChatting()).isTrue();
		return session;
	}

	@Test
	void aFullQueueEndsItsSessionThroughDeparturesAndTheRoomHearsIt() {
		RecordingConnection a = new RecordingConnection();
		RecordingConnection stuck = new RecordingConnection();
		join(a, "alice");
		Session slow = join(stuck, "slow");
		stuck.limit = 0;
		this.parts.delivery.broadcastHere(Replies.server("hello"), null);
		assertThat(stuck.closed).isTrue();
		assertThat(slow.closeReason()).isEqualTo(DisconnectReason.SLOW_CONSUMER);
		assertThat(a.last()).isEqualTo("[SERVER] slow left the chat (slow consumer)");
		assertThat(this.parts.names.find("slow")).isNull();
	}

	@Test
	void theCycleBetweenDeliveryAndDeparturesIsClosedOnce() {
		assertThatIllegalStateException()
			.isThrownBy(() -> this.parts.delivery.dropsSlowConsumersThrough(this.parts.departures));
	}

	@Test
	void bansSeeTheSessionsTheLifecycleAdmitted() {
		RecordingConnection m = new RecordingConnection("203.0.113.9:4000");
		Session mallory = join(m, "mallory");
		this.parts.bans.ban(null, "203.0.113.9", "spam", Duration.ofMinutes(5));
		assertThat(mallory.closeReason()).isEqualTo(DisconnectReason.BANNED);
		assertThat(m.last()).isEqualTo("[SERVER] you are banned: spam");
		assertThat(this.parts.roster.users()).isEmpty();
	}

	@Test
	void aKickFromTheClusterFindsTheUserByTheSharedNames() {
		RecordingConnection b = new RecordingConnection();
		Session bob = join(b, "bob");
		assertThat(this.parts.inbox.kick("BOB", null)).isTrue();
		assertThat(bob.closeReason()).isEqualTo(DisconnectReason.KICKED);
		assertThat(this.parts.inbox.kick("bob", null)).isFalse();
		this.parts.sessions.disconnected(bob);
		assertThat(this.parts.disconnects.newestFirst()).extracting(DisconnectRecord::reason).containsExactly("kicked");
	}

}
