package com.chatrelay.chat;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The rooms one user is in, in the order they joined them, and their active room (where a plain
 * line goes). Immutable: {@link Rooms} replaces it, so a line reads it without a lock.
 * The active-room rule of SPEC §9 is {@link #without}.
 */
record Membership(List<Room> rooms, @Nullable Room active) {

	static final Membership NONE = new Membership(List.of(), null);

	Membership {
		rooms = List.copyOf(rooms);
	}

	boolean contains(Room room) {
		return this.rooms.contains(room);
	}

	int size() {
		return this.rooms.size();
	}

	/** Joined a room: it is the last joined and the active one. */
	Membership joined(Room room) {
		List<Room> more = new ArrayList<>(this.rooms);
		more.add(room);
		return new Membership(more, room);
	}

	/** A room the user is in becomes active; the join order does not change. */
	Membership activated(Room room) {
		return new Membership(this.rooms, room);
	}

	/**
	 * Left a room. When it was the active one, the most recently joined room still joined becomes
	 * active; with none left there is no active room.
	 */
	Membership without(Room room) {
		List<Room> rest = new ArrayList<>(this.rooms);
		rest.remove(room);
		Room active = (this.active != room) ? this.active : (rest.isEmpty() ? null : rest.get(rest.size() - 1));
		return new Membership(rest, active);
	}

}
