package com.chatrelay.chat;

/**
 * The rooms' settings as plain values (the configuration feature fills them in from {@code chat.rooms.*}).
 *
 * @param defaultRoom the room every user is in after the handshake, without {@code #}; it always exists
 * @param maxRooms rooms at most, in the whole cluster, the default room included
 * @param maxPerUser rooms one user may be in at once, the default room included
 */
public record RoomSettings(String defaultRoom, int maxRooms, int maxPerUser) {

	public RoomSettings {
		String problem = RoomName.problem(defaultRoom);
		if (problem != null) {
			throw new IllegalArgumentException("chat.rooms.default: " + problem);
		}
		if (maxRooms < 1) {
			throw new IllegalArgumentException("chat.rooms.max-rooms must be at least 1 (the default room)");
		}
		if (maxPerUser < 1) {
			throw new IllegalArgumentException("chat.rooms.max-per-user must be at least 1 (the default room)");
		}
	}

	/** The defaults of the product contract. */
	public static RoomSettings defaults() {
		return new RoomSettings("lobby", 10_000, 20);
	}

	RoomName defaultRoomName() {
		return RoomName.ofBare(this.defaultRoom);
	}

}
