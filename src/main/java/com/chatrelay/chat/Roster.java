package com.chatrelay.chat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Who is online on the whole server: the named users of this replica and, clustered, of the
 * others ({@link Cluster#remoteUsers}), for {@code /who} and the admin API. Thread-safe; reads only.
 */
final class Roster {

	private static final Comparator<String> BY_NAME = String.CASE_INSENSITIVE_ORDER;

	private final Members members;

	private final NameRegistry names;

	private final Cluster cluster;

	private final Rooms rooms;

	private final RoomListing listing;

	Roster(Members members, NameRegistry names, Cluster cluster, Rooms rooms, RoomListing listing) {
		this.members = members;
		this.names = names;
		this.cluster = cluster;
		this.rooms = rooms;
		this.listing = listing;
	}

	/** The named users of the whole cluster, sorted by name case-insensitively. */
	List<UserView> users() {
		List<UserView> users = localUsers();
		users.addAll(this.cluster.remoteUsers());
		users.sort(Comparator.comparing(UserView::name, BY_NAME));
		return users;
	}

	/** The first {@code limit} names of everybody online, in {@code /who} order, and their count. */
	FirstNames firstNames(int limit) {
		FirstNames names = new FirstNames(limit);
		for (Session session : this.members.snapshot()) {
			names.add(session.name());
		}
		for (UserView remote : this.cluster.remoteUsers()) {
			names.add(remote.name());
		}
		return names;
	}

	/** A user of any replica, found by name as names are compared. */
	Optional<UserView> user(String name) {
		Session session = this.names.find(name);
		return (session != null) ? Optional.of(view(session)) : this.cluster.remoteUser(name);
	}

	/** The users of this replica, unsorted (a new list the caller may change). */
	List<UserView> localUsers() {
		Session[] current = this.members.snapshot();
		List<UserView> users = new ArrayList<>(current.length);
		for (Session session : current) {
			users.add(view(session));
		}
		return users;
	}

	/** A user of this replica with their rooms. */
	private UserView view(Session session) {
		Room active = this.rooms.active(session);
		return session.view(this.cluster.replicaId())
			.inRooms(this.listing.roomsOf(session), (active == null) ? null : active.name().toString());
	}

}
