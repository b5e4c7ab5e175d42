package com.chatrelay.chat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What the other replicas bring to the rooms (the cluster feature calls it, one event at a time in
 * the order each replica published them): lines said in rooms with members here, who joined, left
 * or was renamed in which room (with the notices this replica's members read, quiet-above per room
 * on the cluster's count), closes, and each replica's periodic snapshot, which repairs whatever
 * events were lost; and this replica's own snapshot for the others.
 */
public final class RoomInbox {

	private final Rooms rooms;

	private final RoomRouting routing;

	private final RoomAdmin admin;

	private final Delivery delivery;

	RoomInbox(Rooms rooms, RoomRouting routing, RoomAdmin admin, Delivery delivery) {
		this.rooms = rooms;
		this.routing = routing;
		this.admin = admin;
		this.delivery = delivery;
	}

	/** A line said in a room on another replica (§1's form): to its members here, in their form. */
	public void line(String room, byte[] line) {
		Room found = find(room);
		if (found != null) {
			this.delivery.counted(this.routing.relay(found, line, null));
		}
	}

	/**
	 * A user of another replica joined a room: a member here too; the room's members here read it
	 * ({@code joined the chat} for the default room, which a user enters at the handshake).
	 */
	public void joined(String replicaId, String user, String room, Instant createdAt) {
		RoomName name = RoomName.parse(room);
		if (name == null) {
			return;
		}
		Room before = this.rooms.find(name);
		boolean already = before != null && this.rooms.remote().of(user).contains(before);
		Room joined = this.rooms.remote().joined(name, new RemoteMember(user, replicaId), createdAt);
		if (!already) {
			byte[] notice = joined.isDefault() ? Replies.joined(user) : RoomReplies.memberJoined(user, joined.name());
			this.delivery.counted(this.routing.notice(joined, notice, null, joined.members()));
		}
	}

	/** A user of another replica left a room: its members here read {@code notice}. */
	public void parted(String user, String room, byte[] notice) {
		RoomName name = RoomName.parse(room);
		Room parted = (name == null) ? null : this.rooms.remote().parted(name, user);
		if (parted != null) {
			this.delivery.counted(this.routing.notice(parted, notice, null, parted.members() + 1));
		}
	}

	/** A user of another replica is gone: out of every room, and {@code notice} (if any) to their former roommates here. */
	public void left(String user, byte @Nullable [] notice) {
		List<Room> left = this.rooms.remote().left(user);
		if (notice != null) {
			this.delivery.counted(this.routing.toFormerRoommates(left, notice));
		}
	}

	/** A user of another replica was renamed: the same rooms under the new name, {@code notice} to their roommates here. */
	public void renamed(String oldName, String newName, byte[] notice) {
		this.rooms.remote().renamed(oldName, newName);
		this.delivery.counted(this.routing.toMembersOf(this.rooms.remote().of(newName), notice));
	}

	/** An administrator on another replica closed a room: its members here leave it and read {@code notice}. */
	public void closed(String room, byte[] notice) {
		RoomName name = RoomName.parse(room);
		if (name != null) {
			this.admin.closedElsewhere(name, notice);
		}
	}

	/** Who of another replica is in which room: replaces what was known of it, quietly (it repairs lost events). */
	public void snapshot(String replicaId, RoomSnapshot snapshot) {
		this.rooms.remote().snapshot(replicaId, snapshot);
	}

	/** The users of a replica that died leave every room. @return each with the rooms they were in */
	Map<RemoteMember, List<Room>> replicaLost(String replicaId) {
		return this.rooms.remote().replicaLost(replicaId);
	}

	/** This replica's users and their rooms, for the others. */
	public RoomSnapshot here() {
		Map<String, Instant> created = new LinkedHashMap<>();
		Map<String, List<String>> members = new LinkedHashMap<>();
		this.rooms.localMemberships().forEach((session, membership) -> {
			List<String> names = new ArrayList<>(membership.rooms().size());
			for (Room room : membership.rooms()) {
				names.add(room.name().toString());
				created.putIfAbsent(room.name().toString(), room.createdAt());
			}
			members.put(session.name(), names);
		});
		return new RoomSnapshot(created, members);
	}

	private @Nullable Room find(String room) {
		RoomName name = RoomName.parse(room);
		return (name == null) ? null : this.rooms.find(name);
	}

}
