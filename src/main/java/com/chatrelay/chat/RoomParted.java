package com.chatrelay.chat;

import org.jspecify.annotations.Nullable;

/** What one {@code /part} did: the room left and its members now (the cluster's), and the user's active room now. */
record RoomParted(Outcome outcome, @Nullable Room room, int members, @Nullable Room active) {

	enum Outcome {
		LEFT,
		/** The user is not in a room of that name (whether or not it exists). */
		NOT_MEMBER,
		/** No room named and no active room. */
		NO_ACTIVE_ROOM
	}

	static RoomParted refused(Outcome outcome, @Nullable Room active) {
		return new RoomParted(outcome, null, 0, active);
	}

}
