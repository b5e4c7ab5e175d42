package com.chatrelay.chat;

import java.util.List;

/**
 * Join, leave and rename notices, and who counts as online: the users of this replica and of the
 * others ({@link Cluster#remoteUserCount}), so that the welcome's count holds for the whole
 * cluster. A notice reaches the rooms the user is (or was) in ({@link RoomRouting}, quiet-above
 * per room): here at once, elsewhere through the cluster, whose replicas know the rooms' members.
 */
final class Presence {

	private final Members members;

	private final Cluster cluster;

	private final Delivery delivery;

	private final Rooms rooms;

	private final RoomRouting routing;

	private final int quietAbove;

	Presence(Members members, Cluster cluster, Delivery delivery, Rooms rooms, RoomRouting routing, int quietAbove) {
		this.members = members;
		this.cluster = cluster;
		this.delivery = delivery;
		this.rooms = rooms;
		this.routing = routing;
		this.quietAbove = quietAbove;
	}

	/** Users online in the whole cluster. */
	int online() {
		return this.members.size() + this.cluster.remoteUserCount();
	}

	/** Whether a cluster of {@code online} users is small enough for notices between replicas. */
	boolean announces(int online) {
		return online < this.quietAbove;
	}

	/**
	 * A user is about to enter the default room: its members (the user not yet among them) read
	 * {@code joined the chat}, here and, told by the cluster, on the other replicas.
	 */
	void joining(Session session, String name) {
		Room lobby = this.rooms.defaultRoom();
		if (this.routing.announces(lobby.members() + 1)) {
			this.delivery.counted(this.routing.notice(lobby, Replies.joined(name), session, lobby.members() + 1));
		}
		this.cluster.roomJoined(name, lobby.name(), lobby.createdAt());
	}

	/**
	 * Tells everybody who shared a room with a user who left that they left, once each, here and,
	 * through the cluster, on the other replicas (quiet-above per room, with the cluster's count).
	 * @param left the rooms the user was in
	 * @param shuttingDown this replica stops: its own users are told that instead, only the others hear it
	 */
	void left(Session session, String name, List<Room> left, boolean shuttingDown) {
		DisconnectReason reason = session.closeReason();
		byte[] notice = Replies.left(name, reason.leaveText(session.closeDetail()));
		if (!shuttingDown) {
			this.delivery.counted(this.routing.toFormerRoommates(left, notice));
		}
		this.cluster.left(name, notice);
	}

	/** A rename: the user always reads it, everybody sharing a room with them unless the room is quiet. */
	void renamed(Session session, String oldName, byte[] notice) {
		this.delivery.deliver(session, notice);
		this.delivery.counted(this.routing.toRoommates(session, notice));
		this.cluster.renamed(oldName, session.view(this.cluster.replicaId()), notice);
	}

}
