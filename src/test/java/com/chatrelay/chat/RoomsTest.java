package com.chatrelay.chat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static com.chatrelay.chat.RoomFixture.name;
import static org.assertj.core.api.Assertions.assertThat;

/** The rooms registry: which rooms exist, who is in which, the limits and the active room (SPEC §9). */
class RoomsTest {

	private final RoomFixture fixture = new RoomFixture();

	private final Rooms rooms = this.fixture.rooms;

	private RoomJoined join(Session session, String room) {
		return this.rooms.join(session, name(room), RoomJoined.Confirm.NONE);
	}

	@Test
	void theDefaultRoomAlwaysExistsAndEveryUserEntersIt() {
		assertThat(this.rooms.count()).isEqualTo(1);
		assertThat(this.rooms.find(name("#lobby"))).isSameAs(this.rooms.defaultRoom());
		Session alice = this.fixture.user("alice");
		assertThat(this.rooms.active(alice)).isSameAs(this.rooms.defaultRoom());
		assertThat(this.rooms.defaultRoom().members()).isEqualTo(1);
		assertThat(this.rooms.defaultRoom().createdAt()).isEqualTo(RoomFixture.START);
	}

	@Test
	void theDefaultRoomIsConfigurable() {
		Rooms general = new RoomFixture(new RoomSettings("General", 10, 10), 1000).rooms;
		assertThat(general.defaultRoom().name()).hasToString("#General");
		assertThat(general.find(name("#general"))).isSameAs(general.defaultRoom());
	}

	@Test
	void joiningCreatesTheRoomAndMakesItActive() {
		Session alice = this.fixture.user("alice");
		RoomJoined joined = join(alice, "#ops");
		assertThat(joined.outcome()).isEqualTo(RoomJoined.Outcome.JOINED);
		assertThat(joined.members()).isEqualTo(1);
		assertThat(this.rooms.count()).isEqualTo(2);
		assertThat(this.rooms.active(alice)).isSameAs(joined.room());
		assertThat(this.rooms.of(alice).rooms()).containsExactly(this.rooms.defaultRoom(), joined.room());
	}

	@Test
	void caseAndConfusableSpellingsEnterTheRoomAsCreated() {
		Session alice = this.fixture.user("alice");
		Session bob = this.fixture.user("bob");
		Session carol = this.fixture.user("carol");
		Room ops = join(alice, "#Ops").room();
		assertThat(join(bob, "#OPS").room()).isSameAs(ops);
		assertThat(join(carol, "#\u041Eps").room()).isSameAs(ops); // a Cyrillic О
		assertThat(ops.name()).hasToString("#Ops");
		assertThat(ops.members()).isEqualTo(3);
		assertThat(this.rooms.count()).isEqualTo(2);
	}

	@Test
	void joiningARoomOnceMoreOnlyMakesItActive() {
		Session alice = this.fixture.user("alice");
		Room ops = join(alice, "#ops").room();
		assertThat(join(alice, "#lobby").outcome()).isEqualTo(RoomJoined.Outcome.ACTIVATED);
		assertThat(this.rooms.active(alice)).isSameAs(this.rooms.defaultRoom());
		RoomJoined again = join(alice, "#OPS");
		assertThat(again.outcome()).isEqualTo(RoomJoined.Outcome.ACTIVATED);
		assertThat(again.members()).isEqualTo(1);
		assertThat(this.rooms.active(alice)).isSameAs(ops);
		assertThat(ops.local().active()).containsExactly(alice);
		assertThat(this.rooms.defaultRoom().local().active()).isEmpty();
		assertThat(this.rooms.defaultRoom().local().elsewhere()).containsExactly(alice);
	}

	@Test
	void maxPerUserCountsTheDefaultRoom() {
		Rooms three = new RoomFixture(new RoomSettings("lobby", 100, 3), 1000).rooms;
		Session alice = RoomFixture.session("alice");
		three.enter(alice);
		assertThat(three.join(alice, name("#a"), RoomJoined.Confirm.NONE).outcome()).isEqualTo(RoomJoined.Outcome.JOINED);
		assertThat(three.join(alice, name("#b"), RoomJoined.Confirm.NONE).outcome()).isEqualTo(RoomJoined.Outcome.JOINED);
		assertThat(three.join(alice, name("#c"), RoomJoined.Confirm.NONE).outcome())
			.isEqualTo(RoomJoined.Outcome.TOO_MANY_FOR_USER);
		assertThat(three.count()).as("a refused join creates nothing").isEqualTo(3);
		assertThat(three.join(alice, name("#a"), RoomJoined.Confirm.NONE).outcome())
			.as("a room already joined can still be made active").isEqualTo(RoomJoined.Outcome.ACTIVATED);
		three.part(alice, name("#b"));
		assertThat(three.join(alice, name("#c"), RoomJoined.Confirm.NONE).outcome()).isEqualTo(RoomJoined.Outcome.JOINED);
	}

	@Test
	void maxRoomsCountsTheDefaultRoomAndRefusesOnlyNewRooms() {
		Rooms two = new RoomFixture(new RoomSettings("lobby", 2, 20), 1000).rooms;
		Session alice = RoomFixture.session("alice");
		Session bob = RoomFixture.session("bob");
		two.enter(alice);
		two.enter(bob);
		assertThat(two.join(alice, name("#ops"), RoomJoined.Confirm.NONE).outcome()).isEqualTo(RoomJoined.Outcome.JOINED);
		assertThat(two.join(bob, name("#dev"), RoomJoined.Confirm.NONE).outcome()).isEqualTo(RoomJoined.Outcome.TOO_MANY_ROOMS);
		assertThat(two.join(bob, name("#ops"), RoomJoined.Confirm.NONE).outcome()).isEqualTo(RoomJoined.Outcome.JOINED);
		assertThat(two.count()).isEqualTo(2);
		two.part(alice, name("#ops"));
		two.part(bob, name("#ops"));
		assertThat(two.join(bob, name("#dev"), RoomJoined.Confirm.NONE).outcome()).isEqualTo(RoomJoined.Outcome.JOINED);
	}

	@Test
	void partingTheActiveRoomActivatesTheMostRecentlyJoinedRoomStillJoined() {
		Session alice = this.fixture.user("alice");
		Room a = join(alice, "#a").room();
		Room b = join(alice, "#b").room();
		join(alice, "#a");
		RoomParted parted = this.rooms.part(alice, null);
		assertThat(parted.outcome()).isEqualTo(RoomParted.Outcome.LEFT);
		assertThat(parted.room()).isSameAs(a);
		assertThat(parted.active()).isSameAs(b);
		assertThat(this.rooms.active(alice)).isSameAs(b);
		assertThat(b.local().active()).containsExactly(alice);
		assertThat(this.rooms.part(alice, null).active()).isSameAs(this.rooms.defaultRoom());
		assertThat(this.rooms.defaultRoom().local().active()).containsExactly(alice);
	}

	@Test
	void theDefaultRoomCanBeLeftAndAUserInNoRoomHasNoActiveRoom() {
		Session alice = this.fixture.user("alice");
		RoomParted parted = this.rooms.part(alice, name("#LOBBY"));
		assertThat(parted.outcome()).isEqualTo(RoomParted.Outcome.LEFT);
		assertThat(parted.active()).isNull();
		assertThat(this.rooms.active(alice)).isNull();
		assertThat(this.rooms.find(name("#lobby"))).as("the default room stays, empty").isSameAs(this.rooms.defaultRoom());
		assertThat(this.rooms.defaultRoom().members()).isZero();
		assertThat(this.rooms.part(alice, null).outcome()).isEqualTo(RoomParted.Outcome.NO_ACTIVE_ROOM);
		assertThat(join(alice, "#lobby").outcome()).as("and joined again").isEqualTo(RoomJoined.Outcome.JOINED);
	}

	@Test
	void partingARoomOneIsNotInChangesNothing() {
		Session alice = this.fixture.user("alice");
		Session bob = this.fixture.user("bob");
		join(bob, "#ops");
		assertThat(this.rooms.part(alice, name("#ops")).outcome()).isEqualTo(RoomParted.Outcome.NOT_MEMBER);
		assertThat(this.rooms.part(alice, name("#nowhere")).outcome()).isEqualTo(RoomParted.Outcome.NOT_MEMBER);
		assertThat(this.rooms.find(name("#ops")).members()).isEqualTo(1);
		assertThat(this.rooms.active(alice)).isSameAs(this.rooms.defaultRoom());
	}

	@Test
	void theLastMemberLeavingRemovesTheRoom() {
		Session alice = this.fixture.user("alice");
		Session bob = this.fixture.user("bob");
		Room ops = join(alice, "#ops").room();
		join(bob, "#ops");
		assertThat(this.rooms.part(alice, name("#ops")).members()).isEqualTo(1);
		assertThat(this.rooms.find(name("#ops"))).isSameAs(ops);
		this.rooms.leaveAll(bob);
		assertThat(this.rooms.find(name("#ops"))).isNull();
		assertThat(this.rooms.find(name("#OPS"))).as("under none of its keys").isNull();
		assertThat(this.rooms.count()).isEqualTo(1);
		Room again = join(alice, "#OPS").room();
		assertThat(again).isNotSameAs(ops);
		assertThat(again.name()).as("a new room keeps its new spelling").hasToString("#OPS");
	}

	@Test
	void aUserWhoLeavesIsOutOfEveryRoomAndCannotJoinAfterwards() {
		Session alice = this.fixture.user("alice");
		Session bob = this.fixture.user("bob");
		join(alice, "#ops");
		join(bob, "#ops");
		List<Room> left = this.rooms.leaveAll(alice);
		assertThat(left).extracting((room) -> room.name().toString()).containsExactly("#lobby", "#ops");
		assertThat(this.rooms.of(alice)).isEqualTo(Membership.NONE);
		assertThat(this.rooms.leaveAll(alice)).isEmpty();
		assertThat(join(alice, "#dev").outcome()).as("a line handled after the disconnect")
			.isEqualTo(RoomJoined.Outcome.GONE);
		assertThat(this.rooms.find(name("#dev"))).isNull();
		assertThat(this.rooms.find(name("#ops")).local().active()).containsExactly(bob);
	}

	@Test
	void closingARoomTakesEveryMemberOutAndMovesTheirActiveRoom() {
		Session alice = this.fixture.user("alice");
		Session bob = this.fixture.user("bob");
		Room ops = join(alice, "#ops").room();
		join(bob, "#ops");
		join(bob, "#lobby");
		RoomClosed closed = this.rooms.close(name("#OPS"));
		assertThat(closed.outcome()).isEqualTo(RoomCloseOutcome.CLOSED);
		assertThat(closed.room()).isSameAs(ops);
		assertThat(closed.members()).containsExactlyInAnyOrder(alice, bob);
		assertThat(this.rooms.find(name("#ops"))).isNull();
		assertThat(this.rooms.active(alice)).isSameAs(this.rooms.defaultRoom());
		assertThat(this.rooms.active(bob)).isSameAs(this.rooms.defaultRoom());
		assertThat(this.rooms.defaultRoom().local().active()).containsExactlyInAnyOrder(alice, bob);
		assertThat(this.rooms.close(name("#ops")).outcome()).isEqualTo(RoomCloseOutcome.NO_SUCH_ROOM);
		assertThat(this.rooms.close(name("#lobby")).outcome()).isEqualTo(RoomCloseOutcome.DEFAULT_ROOM);
		assertThat(this.rooms.defaultRoom().members()).isEqualTo(2);
	}

	@Test
	void theJoinerIsConfirmedBeforeTheRoomCanReachThem() {
		Session alice = this.fixture.user("alice");
		Session bob = this.fixture.user("bob");
		Room ops = join(alice, "#ops").room();
		List<String> seen = new ArrayList<>();
		this.rooms.join(bob, name("#ops"), (room, members) -> {
			seen.add(room + " " + members);
			seen.add("visible: " + List.of(room.local().active()).contains(bob));
		});
		assertThat(seen).containsExactly("#ops 2", "visible: false");
		assertThat(ops.local().active()).containsExactly(alice, bob);
	}

	@Test
	void occupancyIsToldOfTheFirstAndLastMemberHereInOrder() {
		List<String> told = new ArrayList<>();
		RoomOccupancy occupancy = new RoomOccupancy() {
			@Override
			public void occupied(Room room) {
				told.add("+" + room);
			}

			@Override
			public void vacated(Room room) {
				told.add("-" + room);
			}
		};
		RoomFixture watched = new RoomFixture(RoomSettings.defaults(), 1000, occupancy);
		Session alice = watched.user("alice");
		Session bob = watched.user("bob");
		watched.rooms.join(alice, name("#ops"), RoomJoined.Confirm.NONE);
		watched.rooms.join(bob, name("#ops"), RoomJoined.Confirm.NONE);
		assertThat(watched.rooms.occupiedHere()).isEqualTo(2);
		watched.rooms.part(alice, name("#ops"));
		watched.rooms.leaveAll(bob);
		assertThat(told).containsExactly("+#lobby", "+#ops", "-#ops");
		watched.rooms.leaveAll(alice);
		assertThat(told).endsWith("-#lobby");
		assertThat(watched.rooms.occupiedHere()).isZero();
	}

}
