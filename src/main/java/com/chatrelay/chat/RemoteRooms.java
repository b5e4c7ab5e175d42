package com.chatrelay.chat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The room members of other replicas, as the cluster reports them: a room is cluster-wide, so they
 * count in its members, keep it alive and show in {@code /who #room}; their lines reach this
 * replica over the room's channel, not through them. Neither {@code max-rooms} nor
 * {@code max-per-user} refuses them (their replica did the checking). Changes hold the rooms lock.
 */
final class RemoteRooms {

	/** One remote user's rooms, in the order the cluster reported them. */
	private record Entry(RemoteMember member, List<Room> rooms) {

		Entry with(Room room) {
			List<Room> more = new ArrayList<>(this.rooms);
			more.add(room);
			return new Entry(this.member, List.copyOf(more));
		}

		Entry without(Room room) {
			List<Room> rest = new ArrayList<>(this.rooms);
			rest.remove(room);
			return new Entry(this.member, List.copyOf(rest));
		}

	}

	private final Rooms rooms;

	private final ConcurrentHashMap<String, Entry> byName = new ConcurrentHashMap<>();

	RemoteRooms(Rooms rooms) {
		this.rooms = rooms;
	}

	/**
	 * A user of another replica is in a room (a join, or the cluster's membership after an outage);
	 * creates the room here if it is new here. Idempotent.
	 * @param createdAt when the cluster says the room was created
	 * @return the room
	 */
	Room joined(RoomName name, RemoteMember member, Instant createdAt) {
		synchronized (this.rooms.lock) {
			Room room = this.rooms.find(name);
			if (room == null) {
				room = new Room(name, createdAt, false);
				this.rooms.file(room);
			}
			room.createdNoLaterThan(createdAt);
			Entry known = this.byName.get(member.name());
			if (known != null && !known.member().equals(member)) {
				left(member.name()); // that name's user of another replica left it, in an event this one missed
			}
			Entry entry = this.byName.getOrDefault(member.name(), new Entry(member, List.of()));
			if (!entry.rooms().contains(room)) {
				this.byName.put(member.name(), entry.with(room));
				room.addRemote(member);
			}
			return room;
		}
	}

	/** A user of another replica left a room. @return the room, or null when they were not in it */
	@Nullable Room parted(RoomName name, String memberName) {
		synchronized (this.rooms.lock) {
			Room room = this.rooms.find(name);
			Entry entry = this.byName.get(memberName);
			if (room == null || entry == null || !entry.rooms().contains(room)) {
				return null;
			}
			Entry rest = entry.without(room);
			if (rest.rooms().isEmpty()) {
				this.byName.remove(memberName);
			}
			else {
				this.byName.put(memberName, rest);
			}
			room.removeRemote(memberName);
			this.rooms.dropIfEmpty(room);
			return room;
		}
	}

	/** A user of another replica is gone. @return the rooms they were in (for the leave notice) */
	List<Room> left(String memberName) {
		synchronized (this.rooms.lock) {
			Entry entry = this.byName.remove(memberName);
			if (entry == null) {
				return List.of();
			}
			for (Room room : entry.rooms()) {
				room.removeRemote(memberName);
				this.rooms.dropIfEmpty(room);
			}
			return entry.rooms();
		}
	}

	/** A replica died: its users leave every room. @return each of them with the rooms they were in */
	Map<RemoteMember, List<Room>> replicaLost(String replicaId) {
		synchronized (this.rooms.lock) {
			Map<RemoteMember, List<Room>> lost = new LinkedHashMap<>();
			for (Entry entry : List.copyOf(this.byName.values())) {
				if (entry.member().replicaId().equals(replicaId)) {
					lost.put(entry.member(), left(entry.member().name()));
				}
			}
			return lost;
		}
	}

	/**
	 * Who of one replica is in which room, replacing what was known of it: its members who are in
	 * the snapshot join and part to match it, the others leave. Quiet (no notices): it repairs
	 * events lost in an outage; it never touches another replica's members.
	 */
	void snapshot(String replicaId, RoomSnapshot snapshot) {
		synchronized (this.rooms.lock) {
			for (Entry entry : List.copyOf(this.byName.values())) {
				if (entry.member().replicaId().equals(replicaId) && !snapshot.members().containsKey(entry.member().name())) {
					left(entry.member().name());
				}
			}
			Instant now = Instant.now();
			snapshot.members().forEach((user, roomNames) -> {
				List<RoomName> names = new ArrayList<>(roomNames.size());
				for (String roomName : roomNames) {
					RoomName name = RoomName.parse(roomName);
					if (name != null) {
						names.add(name);
					}
				}
				Entry entry = this.byName.get(user);
				if (entry != null && entry.member().replicaId().equals(replicaId)) {
					for (Room room : entry.rooms()) {
						if (names.stream().noneMatch(room.name()::sameAs)) {
							parted(room.name(), user);
						}
					}
				}
				RemoteMember member = new RemoteMember(user, replicaId);
				for (RoomName name : names) {
					joined(name, member, snapshot.rooms().getOrDefault(name.toString(), now));
				}
			});
		}
	}

	/** A user of another replica was renamed: the same rooms under the new name. */
	void renamed(String oldName, String newName) {
		synchronized (this.rooms.lock) {
			Entry entry = this.byName.remove(oldName);
			if (entry == null) {
				return;
			}
			RemoteMember renamed = new RemoteMember(newName, entry.member().replicaId());
			for (Room room : entry.rooms()) {
				room.removeRemote(oldName);
				room.addRemote(renamed);
			}
			this.byName.put(newName, new Entry(renamed, entry.rooms()));
		}
	}

	/** The rooms of a user of another replica, oldest first (empty when unknown). */
	List<Room> of(String memberName) {
		Entry entry = this.byName.get(memberName);
		return (entry != null) ? entry.rooms() : List.of();
	}

	/** A room closed: its remote members are out of it (their replicas tell them). Called with the rooms lock held. */
	void forget(Room room) {
		for (RemoteMember member : List.copyOf(room.remoteMembers())) {
			this.byName.computeIfPresent(member.name(), (unused, entry) -> {
				Entry rest = entry.without(room);
				return rest.rooms().isEmpty() ? null : rest;
			});
			room.removeRemote(member.name());
		}
	}

}
