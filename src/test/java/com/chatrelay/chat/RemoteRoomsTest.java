package com.chatrelay.chat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static com.chatrelay.chat.RoomFixture.START;
import static com.chatrelay.chat.RoomFixture.clear;
import static com.chatrelay.chat.RoomFixture.name;
import static com.chatrelay.chat.RoomFixture.out;
import static org.assertj.core.api.Assertions.assertThat;

/** Rooms are cluster-wide: members of other replicas count, keep a room alive and leave it (SPEC §9, §7). */
class RemoteRoomsTest {

	private final RoomFixture fixture = new RoomFixture();

	private final Rooms rooms = this.fixture.rooms;

	private final RemoteRooms remote = this.rooms.remote();

	private static final RemoteMember ZED = new RemoteMember("zed", "replica-2");

	private static final RemoteMember YAN = new RemoteMember("yan", "replica-2");

	private static final RemoteMember XIA = new RemoteMember("xia", "replica-3");

	@Test
	void aRemoteMemberCreatesTheRoomHereCountsAndKeepsItAlive() {
		Room ops = this.remote.joined(name("#Ops"), ZED, START);
		assertThat(this.rooms.find(name("#ops"))).isSameAs(ops);
		assertThat(ops.members()).isEqualTo(1);
		assertThat(this.rooms.occupiedHere()).as("chat_rooms counts rooms with members here").isEqualTo(0);
		Session alice = this.fixture.user("alice");
		assertThat(this.rooms.join(alice, name("#OPS"), RoomJoined.Confirm.NONE).members()).isEqualTo(2);
		this.rooms.part(alice, null);
		assertThat(this.rooms.find(name("#ops"))).as("zed is still in it").isSameAs(ops);
		assertThat(this.remote.parted(name("#ops"), "zed")).isSameAs(ops);
		assertThat(this.rooms.find(name("#ops"))).isNull();
	}

	@Test
	void reportedTwiceIsCountedOnce() {
		this.remote.joined(name("#ops"), ZED, START);
		Room ops = this.remote.joined(name("#ops"), ZED, START);
		assertThat(ops.members()).isEqualTo(1);
		assertThat(this.remote.of("zed")).containsExactly(ops);
	}

	@Test
	void countsAndWhoCoverTheCluster() {
		Session alice = this.fixture.user("alice");
		this.rooms.join(alice, name("#ops"), RoomJoined.Confirm.NONE);
		this.remote.joined(name("#ops"), ZED, START);
		this.remote.joined(name("#ops"), XIA, START);
		assertThat(new String(this.fixture.listing.who(name("#ops")))).isEqualTo("[SERVER] #ops (3): alice, xia, zed");
		assertThat(this.rooms.count()).isEqualTo(2);
	}

	@Test
	void aLostReplicasUsersLeaveTheirRoomsAndTheirRoommatesHereAreToldOnce() {
		Session alice = this.fixture.user("alice");
		this.rooms.join(alice, name("#ops"), RoomJoined.Confirm.NONE);
		this.remote.joined(name("#lobby"), ZED, START);
		this.remote.joined(name("#ops"), ZED, START);
		this.remote.joined(name("#dev"), YAN, START);
		this.remote.joined(name("#ops"), XIA, START);
		clear(alice);
		Map<RemoteMember, List<Room>> lost = this.remote.replicaLost("replica-2");
		assertThat(lost).containsOnlyKeys(ZED, YAN);
		for (Map.Entry<RemoteMember, List<Room>> gone : lost.entrySet()) {
			this.fixture.routing.toFormerRoommates(gone.getValue(), Replies.left(gone.getKey().name(), "replica lost"));
		}
		assertThat(out(alice).lines()).containsExactly("[SERVER] zed left the chat (replica lost)");
		assertThat(this.rooms.find(name("#dev"))).isNull();
		assertThat(this.rooms.find(name("#ops")).members()).isEqualTo(2);
	}

	@Test
	void aRemoteRenameKeepsTheRooms() {
		Room ops = this.remote.joined(name("#ops"), ZED, START);
		this.remote.renamed("zed", "zara");
		assertThat(ops.remoteMembers()).containsExactly(new RemoteMember("zara", "replica-2"));
		assertThat(this.remote.left("zara")).containsExactly(ops);
		assertThat(this.rooms.find(name("#ops"))).isNull();
	}

	@Test
	void closingARoomForgetsItsRemoteMembersToo() {
		this.remote.joined(name("#ops"), ZED, START);
		this.remote.joined(name("#dev"), ZED, START);
		assertThat(this.rooms.close(name("#ops")).members()).isEmpty();
		assertThat(this.rooms.find(name("#ops"))).isNull();
		assertThat(this.remote.of("zed")).extracting((room) -> room.name().toString()).containsExactly("#dev");
	}

	@Test
	void remoteMembersAreNotRefusedByTheLimitsButCountForNewRoomsHere() {
		RoomFixture two = new RoomFixture(new RoomSettings("lobby", 2, 1), 1000);
		two.rooms.remote().joined(name("#a"), ZED, START);
		two.rooms.remote().joined(name("#b"), ZED, START);
		assertThat(two.rooms.count()).isEqualTo(3);
		Session alice = two.user("alice");
		two.rooms.part(alice, null);
		assertThat(two.rooms.join(alice, name("#c"), RoomJoined.Confirm.NONE).outcome())
			.isEqualTo(RoomJoined.Outcome.TOO_MANY_ROOMS);
		assertThat(two.rooms.join(alice, name("#a"), RoomJoined.Confirm.NONE).outcome()).isEqualTo(RoomJoined.Outcome.JOINED);
	}

}
