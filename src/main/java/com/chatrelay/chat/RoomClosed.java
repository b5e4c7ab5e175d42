package com.chatrelay.chat;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** What closing a room did: its members of this replica, who have left it (each told by the caller), and what they read. */
record RoomClosed(RoomCloseOutcome outcome, @Nullable Room room, List<Session> members, byte @Nullable [] notice) {

	RoomClosed(RoomCloseOutcome outcome, @Nullable Room room, List<Session> members) {
		this(outcome, room, members, null);
	}

	RoomClosed withNotice(byte[] line) {
		return new RoomClosed(this.outcome, this.room, this.members, line);
	}

}
