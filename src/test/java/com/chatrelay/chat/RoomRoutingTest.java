package com.chatrelay.chat;

import java.util.List;

import org.junit.jupiter.api.Test;

import static com.chatrelay.chat.RoomFixture.clear;
import static com.chatrelay.chat.RoomFixture.name;
import static com.chatrelay.chat.RoomFixture.out;
import static org.assertj.core.api.Assertions.assertThat;

/** Who receives what of a room, in which form, and how often (SPEC §9). */
class RoomRoutingTest {

	private final RoomFixture fixture = new RoomFixture();

	private final Rooms rooms = this.fixture.rooms;

	private final RoomRouting routing = this.fixture.routing;

	private Room join(Session session, String room) {
		return this.rooms.join(session, name(room), RoomJoined.Confirm.NONE).room();
	}

	@Test
	void aLineReachesItsRoomInTheFirstFormForActiveReadersAndPrefixedForTheOthers() {
		Session alice = this.fixture.user("alice");
		Session bob = this.fixture.user("bob");
		Session carol = this.fixture.user("carol");
		Session outsider = this.fixture.user("dave");
		Room ops = join(alice, "#ops");
		join(bob, "#ops");
		join(carol, "#ops");
		join(carol, "#lobby");
		clear(alice, bob, carol, outsider);
		int sent = this.routing.relay(ops, Replies.chat("alice", "deploy done"), alice);
		assertThat(sent).isEqualTo(2);
		assertThat(out(bob).lines()).containsExactly("[alice] deploy done");
		assertThat(out(carol).lines()).containsExactly("#ops [alice] deploy done");
		assertThat(out(alice).lines()).as("no echo").isEmpty();
		assertThat(out(outsider).lines()).as("nobody outside the room").isEmpty();
	}

	@Test
	void theOneRoomCaseIsExactlySection1() {
		Session alice = this.fixture.user("alice");
		Session bob = this.fixture.user("bob");
		this.routing.relay(this.rooms.active(alice), Replies.action("alice", "waves"), alice);
		assertThat(out(bob).lines()).containsExactly("* alice waves");
	}

	@Test
	void aLineIsDeliveredOnceToAMemberHoweverTheyJoined() {
		Session alice = this.fixture.user("alice");
		Session bob = this.fixture.user("bob");
		Room ops = join(alice, "#ops");
		join(bob, "#ops");
		join(bob, "#OPS");
		join(bob, "#lobby");
		join(bob, "#\u041Eps");
		this.rooms.part(bob, name("#lobby"));
		clear(bob);
		this.routing.relay(ops, Replies.chat("alice", "once"), alice);
		assertThat(out(bob).lines()).containsExactly("[alice] once");
	}

	@Test
	void aRoomsNoticeReachesItsMembersInOneForm() {
		Session alice = this.fixture.user("alice");
		Session bob = this.fixture.user("bob");
		Session carol = this.fixture.user("carol");
		Room ops = join(alice, "#ops");
		join(bob, "#ops");
		join(bob, "#lobby");
		clear(alice, bob, carol);
		this.routing.notice(ops, RoomReplies.memberJoined("zed", ops.name()), null, ops.members());
		assertThat(out(alice).lines()).containsExactly("[SERVER] zed joined #ops");
		assertThat(out(bob).lines()).containsExactly("[SERVER] zed joined #ops");
		assertThat(out(carol).lines()).isEmpty();
	}

	@Test
	void aDisconnectNoticeReachesEverybodyWhoSharedARoomOnceEach() {
		Session alice = this.fixture.user("alice");
		Session bob = this.fixture.user("bob");
		Session carol = this.fixture.user("carol");
		Session dave = this.fixture.user("dave");
		join(alice, "#ops");
		join(alice, "#dev");
		join(bob, "#ops");
		join(bob, "#dev"); // shares three rooms with alice
		join(carol, "#dev");
		this.rooms.part(carol, name("#lobby")); // shares only #dev
		this.rooms.part(dave, name("#lobby")); // shares nothing
		clear(alice, bob, carol, dave);
		List<Room> left = this.rooms.leaveAll(alice);
		int sent = this.routing.toFormerRoommates(left, Replies.left("alice", "quit"));
		assertThat(sent).isEqualTo(2);
		assertThat(out(bob).lines()).containsExactly("[SERVER] alice left the chat (quit)");
		assertThat(out(carol).lines()).containsExactly("[SERVER] alice left the chat (quit)");
		assertThat(out(dave).lines()).isEmpty();
	}

	@Test
	void aRenameReachesTheRoommatesOnceAndNotTheUser() {
		Session alice = this.fixture.user("alice");
		Session bob = this.fixture.user("bob");
		Session carol = this.fixture.user("carol");
		join(alice, "#ops");
		join(bob, "#ops");
		this.rooms.part(carol, name("#lobby"));
		clear(alice, bob, carol);
		this.routing.toRoommates(alice, Replies.renamed("alice", "alicia"));
		assertThat(out(bob).lines()).containsExactly("[SERVER] alice is now known as alicia");
		assertThat(out(alice).lines()).isEmpty();
		assertThat(out(carol).lines()).isEmpty();
	}

	@Test
	void quietAboveAppliesPerRoom() {
		RoomFixture quiet = new RoomFixture(RoomSettings.defaults(), 3);
		Session alice = quiet.user("alice");
		Session bob = quiet.user("bob");
		Session carol = quiet.user("carol"); // the lobby has 3: quiet
		quiet.rooms.join(alice, name("#ops"), RoomJoined.Confirm.NONE);
		quiet.rooms.join(bob, name("#ops"), RoomJoined.Confirm.NONE); // #ops has 2: not quiet
		clear(alice, bob, carol);
		List<Room> left = quiet.rooms.leaveAll(alice);
		quiet.routing.toFormerRoommates(left, Replies.left("alice", null));
		assertThat(out(bob).lines()).as("through #ops").containsExactly("[SERVER] alice left the chat");
		assertThat(out(carol).lines()).as("only the quiet lobby shared").isEmpty();
		Room lobby = quiet.rooms.defaultRoom();
		assertThat(quiet.routing.notice(lobby, Replies.joined("dave"), null, lobby.members())).isEqualTo(2);
		assertThat(quiet.routing.notice(lobby, Replies.joined("erin"), null, 3)).isZero();
	}

	@Test
	void aMemberMovingItsActiveRoomNeverGetsALineTwiceOrNotAtAll() throws Exception {
		Session alice = this.fixture.user("alice");
		Session bob = this.fixture.user("bob");
		Room ops = join(alice, "#ops");
		join(bob, "#ops");
		Thread mover = new Thread(() -> {
			for (int i = 0; i < 20_000; i++) {
				this.rooms.join(bob, name((i % 2 == 0) ? "#lobby" : "#ops"), RoomJoined.Confirm.NONE);
			}
		});
		clear(bob);
		mover.start();
		int lines = 0;
		while (mover.isAlive() || lines < 1000) {
			this.routing.relay(ops, Replies.chat("alice", String.valueOf(lines++)), alice);
		}
		mover.join();
		List<String> got = out(bob).lines();
		assertThat(got).hasSize(lines);
		for (int i = 0; i < lines; i++) {
			assertThat(got.get(i)).endsWith("[alice] " + i);
		}
	}

}
