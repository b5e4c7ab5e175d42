package com.chatrelay.chat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The rooms as lists: {@code /rooms} and {@code /who #room} as bounded lines (the first
 * {@link Replies#MAX_LISTED} by {@link FirstNames}, a pass over the rooms or members, not a sort of
 * all of them), and the admin API's views, which list everything. No lock: snapshots.
 */
final class RoomListing {

	private static final Comparator<String> BY_NAME = String.CASE_INSENSITIVE_ORDER;

	private final Rooms rooms;

	RoomListing(Rooms rooms) {
		this.rooms = rooms;
	}

	/** {@code /rooms}: {@code [SERVER] rooms (<n>): #lobby (12), #ops (3), ...}. */
	byte[] rooms() {
		// "#name (n)" sorts as "name" would: every character a name may have sorts after the space
		FirstNames first = new FirstNames(Replies.MAX_LISTED);
		for (Room room : this.rooms.all()) {
			first.add(room.name() + " (" + room.members() + ")");
		}
		return RoomReplies.rooms(first.count(), first.sorted());
	}

	/** {@code /who #room}: {@code [SERVER] #room (<n>): <name>, ...}, or the error for an unknown room. */
	byte[] who(RoomName name) {
		Room room = this.rooms.find(name);
		if (room == null) {
			return RoomReplies.noSuchRoom(name);
		}
		FirstNames first = new FirstNames(Replies.MAX_LISTED);
		Room.Local local = room.local();
		addNames(first, local.active());
		addNames(first, local.elsewhere());
		for (RemoteMember member : room.remoteMembers()) {
			first.add(member.name());
		}
		return RoomReplies.who(room.name(), first.count(), first.sorted());
	}

	/** {@code GET /api/rooms}: every room, sorted by name ignoring case. */
	List<RoomView> views() {
		List<RoomView> views = new ArrayList<>();
		for (Room room : this.rooms.all()) {
			views.add(RoomView.of(room));
		}
		views.sort(Comparator.comparing(RoomView::name, BY_NAME));
		return views;
	}

	/** {@code GET /api/rooms/{room}}: the room with every member, sorted. */
	Optional<RoomView> view(RoomName name) {
		Room room = this.rooms.find(name);
		if (room == null) {
			return Optional.empty();
		}
		List<String> users = new ArrayList<>(room.members());
		Room.Local local = room.local();
		for (Session session : local.active()) {
			users.add(session.name());
		}
		for (Session session : local.elsewhere()) {
			users.add(session.name());
		}
		for (RemoteMember member : room.remoteMembers()) {
			users.add(member.name());
		}
		users.sort(BY_NAME);
		return Optional.of(new RoomView(room.name().toString(), users.size(), room.createdAt(), users));
	}

	/** A user's rooms for {@code /api/users}, sorted (their {@code activeRoom} is {@link Rooms#active}). */
	List<String> roomsOf(Session session) {
		List<String> names = new ArrayList<>();
		for (Room room : this.rooms.of(session).rooms()) {
			names.add(room.name().toString());
		}
		names.sort(BY_NAME);
		return names;
	}

	private static void addNames(FirstNames first, Session[] sessions) {
		for (Session session : sessions) {
			first.add(session.name());
		}
	}

}
