package com.chatrelay.chat;

/**
 * Told when a room gets its first member on this replica and when it loses its last: the cluster
 * subscribes to the room's channel and unsubscribes, so a replica receives only the traffic of
 * rooms it has members in. Called with the rooms lock held, so in order: it must not block or
 * call back into the rooms (hand the work to another thread).
 */
interface RoomOccupancy {

	RoomOccupancy NONE = new RoomOccupancy() {
	};

	default void occupied(Room room) {
	}

	default void vacated(Room room) {
	}

}
