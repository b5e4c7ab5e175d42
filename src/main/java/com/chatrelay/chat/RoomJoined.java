package com.chatrelay.chat;

import org.jspecify.annotations.Nullable;

/** What one {@code /join} did; {@code room} is null only when refused, {@code members} counts the cluster. */
record RoomJoined(Outcome outcome, @Nullable Room room, int members) {

	enum Outcome {
		/** Joined (and created, if it did not exist); the room is active. */
		JOINED,
		/** Already a member: the room is active now. */
		ACTIVATED,
		/** Past {@code max-per-user}. */
		TOO_MANY_FOR_USER,
		/** A new room past {@code max-rooms}. */
		TOO_MANY_ROOMS,
		/** The user left meanwhile (a disconnect on another thread): nothing to say. */
		GONE
	}

	/** Queues the joiner's confirmation before the room's lines can reach them; called with the rooms lock held. */
	interface Confirm {

		Confirm NONE = (room, members) -> {
		};

		/** Only {@link ClientConnection#offer} to the joiner: no other lock, no disconnect. @param members counting the joiner */
		void confirm(Room room, int members);

	}

	static RoomJoined refused(Outcome outcome) {
		return new RoomJoined(outcome, null, 0);
	}

}
