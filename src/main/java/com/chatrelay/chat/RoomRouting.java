package com.chatrelay.chat;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Who on this replica receives what of a room (SPEC §9): a line said in a room reaches each member
 * once, as in §1 when the room is their active room and prefixed with {@code #room } otherwise;
 * a room's notices reach its members unless it has {@code quiet-above} members or more; a
 * user-wide notice (a rename, a disconnect) reaches everybody who shares a room with the user,
 * once however many rooms they share. Reads snapshots only: no lock. The members elsewhere
 * are their replicas' business: {@link #say} hands the line to the cluster, which brings it there.
 */
final class RoomRouting {

	/** Queues one line to one member: the chat service's {@code Delivery#deliver} (slow consumers and all). */
	interface Sink {

		boolean deliver(Session recipient, byte[] line);

	}

	private final Rooms rooms;

	private final Sink sink;

	private final int quietAbove;

	private final Cluster cluster;

	RoomRouting(Rooms rooms, Sink sink, int quietAbove) {
		this(rooms, sink, quietAbove, Cluster.STANDALONE);
	}

	RoomRouting(Rooms rooms, Sink sink, int quietAbove, Cluster cluster) {
		this.rooms = rooms;
		this.sink = sink;
		this.quietAbove = quietAbove;
		this.cluster = cluster;
	}

	/** Whether a room of {@code members} (counting the user a notice is about) gets join, part and leave notices. */
	boolean announces(int members) {
		return members < this.quietAbove;
	}

	/**
	 * A line said in a room (chat, {@code /me}, an announcement), in §1's form, to its members here
	 * but {@code except} (the sender; null for none). @return lines queued
	 */
	int relay(Room room, byte[] line, @Nullable Session except) {
		Room.Local local = room.local(); // one snapshot: a member moving its active room is in exactly one array
		int sent = deliverAll(local.active(), line, except);
		if (local.elsewhere().length > 0) {
			sent += deliverAll(local.elsewhere(), room.prefixed(line), except);
		}
		return sent;
	}

	/**
	 * A member's line (chat, {@code /me}, {@code /msg #room}, a room's announcement): {@link #relay}ed
	 * here and handed to the cluster for the members elsewhere: always for the default room (on the
	 * channel every replica hears, in order with the join and leave notices, as §1's lines went), for
	 * another room only while it has members elsewhere. @return lines queued here
	 */
	int say(Room room, byte[] line, @Nullable Session sender) {
		int sent = relay(room, line, sender);
		if (room.isDefault() || !room.remoteMembers().isEmpty()) {
			this.cluster.roomLine(room.name(), room.isDefault(), line);
		}
		return sent;
	}

	/**
	 * A room's own notice (a join or part, which names the room), to its members here but
	 * {@code except}, unless the room is quiet. @param members the room's members counting the user
	 */
	int notice(Room room, byte[] notice, @Nullable Session except, int members) {
		if (!announces(members)) {
			return 0;
		}
		Room.Local local = room.local();
		return deliverAll(local.active(), notice, except) + deliverAll(local.elsewhere(), notice, except);
	}

	/** A notice about a user still in their rooms (a rename), to everybody here who shares one, but the user. */
	int toRoommates(Session user, byte[] notice) {
		return toSharers(this.rooms.of(user).rooms(), notice, user, 0);
	}

	/** A notice about a user of another replica still in {@code rooms} (a rename), to everybody here in one of them, once each. */
	int toMembersOf(List<Room> rooms, byte[] notice) {
		return rooms.isEmpty() ? 0 : toSharers(rooms, notice, null, 0);
	}

	/**
	 * A notice about a user who has left {@code rooms} (a disconnect, here or on a lost replica), to
	 * everybody here still in one of them, once each; each room counts with the user for quiet-above.
	 */
	int toFormerRoommates(List<Room> rooms, byte[] notice) {
		return rooms.isEmpty() ? 0 : toSharers(rooms, notice, null, 1);
	}

	private int toSharers(List<Room> rooms, byte[] notice, @Nullable Session except, int absent) {
		if (rooms.size() == 1) { // the common case, nobody to count twice
			return notice(rooms.get(0), notice, except, rooms.get(0).members() + absent);
		}
		Set<Session> told = Collections.newSetFromMap(new IdentityHashMap<>());
		if (except != null) {
			told.add(except);
		}
		int sent = 0;
		for (Room room : rooms) {
			if (announces(room.members() + absent)) {
				Room.Local local = room.local();
				sent += deliverOnce(local.active(), notice, told) + deliverOnce(local.elsewhere(), notice, told);
			}
		}
		return sent;
	}

	private int deliverOnce(Session[] members, byte[] line, Set<Session> told) {
		int sent = 0;
		for (Session member : members) {
			if (told.add(member) && deliver(member, line)) {
				sent++;
			}
		}
		return sent;
	}

	private int deliverAll(Session[] members, byte[] line, @Nullable Session except) {
		int sent = 0;
		for (Session member : members) {
			if (member != except && deliver(member, line)) {
				sent++;
			}
		}
		return sent;
	}

	private boolean deliver(Session member, byte[] line) {
		member.awaitWelcome(); // a member still joining holds its lock until its welcome is queued
		return this.sink.deliver(member, line);
	}

}
