package com.chatrelay.chat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static com.chatrelay.chat.RoomFixture.name;
import static org.assertj.core.api.Assertions.assertThat;

/** Big rooms and many rooms: the lines stay bounded, the admin views list everything. */
class RoomListingTest {

	private final RoomFixture fixture = new RoomFixture(RoomSettings.defaults(), 1000);

	private final Rooms rooms = this.fixture.rooms;

	@Test
	void tenThousandMembersAreListedFirstHundredThenCounted() {
		for (int i = 0; i < 10_000; i++) {
			Session user = this.fixture.user(String.format("user%05d", 9_999 - i));
			this.rooms.join(user, name("#big"), RoomJoined.Confirm.NONE);
		}
		Room big = this.rooms.find(name("#big"));
		assertThat(big.members()).isEqualTo(10_000);
		String who = new String(this.fixture.listing.who(name("#big")), StandardCharsets.UTF_8);
		assertThat(who).startsWith("[SERVER] #big (10000): user00000, user00001, ")
			.endsWith("user00099, ... and 9900 more");
		assertThat(who.split(", ")).hasSize(101);
		assertThat(this.fixture.listing.view(name("#big")).orElseThrow().users()).hasSize(10_000)
			.startsWith("user00000").endsWith("user09999");
		Session lurker = this.fixture.user("lurker");
		int sent = this.fixture.routing.relay(big, Replies.chat("lurker", "hi"), lurker);
		assertThat(sent).as("every member once").isEqualTo(10_000);
	}

	@Test
	void manyRoomsAreListedFirstHundredByNameThenCounted() {
		Session owner = this.fixture.user("owner");
		for (int i = 0; i < 500; i++) {
			Session user = this.fixture.user("u" + i);
			this.rooms.join(user, name(String.format("#r%03d", 499 - i)), RoomJoined.Confirm.NONE);
		}
		String line = new String(this.fixture.listing.rooms(), StandardCharsets.UTF_8);
		assertThat(line).startsWith("[SERVER] rooms (501): #lobby (501), #r000 (1), #r001 (1), ")
			.endsWith("#r098 (1), ... and 401 more");
		assertThat(this.fixture.listing.views()).hasSize(501);
		assertThat(this.fixture.listing.roomsOf(owner)).containsExactly("#lobby");
	}

	@Test
	void aRoomNameThatIsAPrefixOfAnotherSortsFirstAsInAFullSort() {
		for (String room : List.of("#ab-c", "#AB", "#ab2", "#a", "#Ab.d", "#ab_")) {
			this.rooms.join(this.fixture.user("x" + room.substring(1)), name(room), RoomJoined.Confirm.NONE);
		}
		assertThat(new String(this.fixture.listing.rooms(), StandardCharsets.UTF_8))
			.isEqualTo("[SERVER] rooms (7): #a (1), #AB (1), #ab-c (1), #Ab.d (1), #ab2 (1), #ab_ (1), #lobby (6)");
	}

	@Test
	void theAdminViewsAreSortedAndCountTheCluster() {
		Session alice = this.fixture.user("alice");
		this.rooms.join(alice, name("#ops"), RoomJoined.Confirm.NONE);
		this.rooms.remote().joined(name("#OPS"), new RemoteMember("zed", "replica-2"), RoomFixture.START.minusSeconds(60));
		assertThat(this.fixture.listing.views()).extracting(RoomView::name, RoomView::members)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("#lobby", 1), org.assertj.core.groups.Tuple.tuple("#ops", 2));
		RoomView ops = this.fixture.listing.view(name("#Ops")).orElseThrow();
		assertThat(ops.users()).containsExactly("alice", "zed");
		assertThat(ops.createdAt()).as("the cluster's creation, if earlier").isEqualTo(RoomFixture.START.minusSeconds(60));
		assertThat(this.fixture.listing.view(name("#nowhere"))).isEmpty();
	}

}
