package com.chatrelay.chat;

import java.nio.charset.StandardCharsets;

import com.chatrelay.support.DefaultSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Bans as the room applies them, without sockets (every test connection comes from 127.0.0.1). */
class ChatServerBansTest {

	private final ChatServer server = new ChatServer(DefaultSettings.limits(), ChatMetrics.NONE);

	private Session join(RecordingConnection connection, String name) {
		Session session = this.server.connected(connection);
		say(session, name);
		assertThat(connection.last()).startsWith("[SERVER] welcome, " + name + "!");
		return session;
	}

	private void say(Session session, String line) {
		this.server.lineReceived(session, line.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void aNameBanDisconnectsTheUserAndTellsTheOthers() {
		RecordingConnection m = new RecordingConnection();
		RecordingConnection o = new RecordingConnection();
		Session mallory = join(m, "mallory");
		join(o, "olivia");
		this.server.bans().ban("MALLORY", null, "spam", null);
		assertThat(m.last()).isEqualTo("[SERVER] you are banned: spam");
		assertThat(m.closed).isTrue();
		assertThat(o.last()).isEqualTo("[SERVER] mallory left the chat (banned: spam)");
		this.server.disconnected(mallory);
		assertThat(this.server.recentDisconnects().get(0).reason()).isEqualTo("banned");
	}

	@Test
	void aBannedNameIsRefusedAtTheHandshakeAndOnNick() {
		this.server.bans().ban("mallory", null, "spam", null);
		RecordingConnection m = new RecordingConnection();
		Session session = this.server.connected(m);
		say(session, "ｍａｌｌｏｒｙ");
		assertThat(m.last()).isEqualTo("[SERVER] error: you are banned: spam");
		assertThat(m.closed).isTrue();
		this.server.disconnected(session);
		assertThat(this.server.recentDisconnects().get(0).reason()).isEqualTo("banned");

		RecordingConnection n = new RecordingConnection();
		Session nick = join(n, "nice");
		say(nick, "/nick Mallory");
		assertThat(n.last()).isEqualTo("[SERVER] error: you are banned: spam");
		assertThat(n.closed).isTrue();
		assertThat(this.server.users()).isEmpty();
	}

	@Test
	void aBannedAddressIsRefusedAtConnectAndItsUsersDisconnected() {
		RecordingConnection old = new RecordingConnection();
		join(old, "old");
		Ban ban = this.server.bans().ban(null, "127.0.0.0/8", null, null);
		assertThat(old.last()).isEqualTo("[SERVER] you are banned");
		assertThat(old.closed).isTrue();
		RecordingConnection fresh = new RecordingConnection();
		assertThat(this.server.connected(fresh)).isNull();
		assertThat(fresh.lines()).containsExactly("[SERVER] error: you are banned");
		assertThat(fresh.closed).isTrue();
		assertThat(this.server.recentDisconnects().get(0).reason()).isEqualTo("banned");
		this.server.bans().unban(ban.id());
		join(new RecordingConnection(), "back");
	}

	@Test
	void aGuestIsNeverGivenABannedName() {
		this.server.bans().ban("guest-1", null, "spam", null);
		this.server.bans().ban("GUEST-2", null, "spam", null);
		RecordingConnection g = new RecordingConnection();
		Session guest = this.server.connected(g);
		say(guest, "");
		assertThat(g.last()).startsWith("[SERVER] welcome, guest-3!");
		assertThat(g.closed).isFalse();
	}

	@org.junit.jupiter.params.ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(strings = { "ΜALLORY", "maIlory", "MAᏞᏞORY", "ＭＡＬＬＯＲＹ" })
	void aNameBanCoversTheLookAlikesOfTheName(String lookAlike) {
		this.server.bans().ban("mallory", null, "spam", null);
		RecordingConnection m = new RecordingConnection();
		say(this.server.connected(m), lookAlike);
		assertThat(m.last()).isEqualTo("[SERVER] error: you are banned: spam");
	}

}
