package com.chatrelay.chat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The active-room rule of SPEC §9, alone. */
class MembershipTest {

	private final Room lobby = room("#lobby");

	private final Room ops = room("#ops");

	private final Room dev = room("#dev");

	private static Room room(String name) {
		return new Room(RoomFixture.name(name), Instant.EPOCH, false);
	}

	@Test
	void theRoomJoinedLastIsActive() {
		Membership m = Membership.NONE.joined(this.lobby).joined(this.ops);
		assertThat(m.active()).isSameAs(this.ops);
		assertThat(m.rooms()).containsExactly(this.lobby, this.ops);
	}

	@Test
	void leavingTheActiveRoomActivatesTheMostRecentlyJoinedRoomStillJoined() {
		Membership m = Membership.NONE.joined(this.lobby).joined(this.ops).joined(this.dev).activated(this.lobby);
		Membership left = m.without(this.lobby);
		assertThat(left.active()).isSameAs(this.dev);
		assertThat(left.without(this.dev).active()).isSameAs(this.ops);
	}

	@Test
	void activatingDoesNotChangeTheJoinOrder() {
		Membership m = Membership.NONE.joined(this.lobby).joined(this.ops).joined(this.dev).activated(this.ops);
		assertThat(m.without(this.ops).active()).isSameAs(this.dev);
	}

	@Test
	void leavingAnotherRoomKeepsTheActiveOne() {
		Membership m = Membership.NONE.joined(this.lobby).joined(this.ops);
		assertThat(m.without(this.lobby).active()).isSameAs(this.ops);
	}

	@Test
	void leavingTheLastRoomLeavesNoActiveRoom() {
		Membership m = Membership.NONE.joined(this.lobby).without(this.lobby);
		assertThat(m.active()).isNull();
		assertThat(m.rooms()).isEmpty();
	}

}
