package com.chatrelay.chat;

import java.util.List;

/**
 * Join, leave and rename notices, and who counts as online: the users of this replica and of the
 * others ({@link Cluster#remoteUserCount}), so that the welcome's count holds for the whole
 * cluster. Here a notice reaches the rooms the user is (or was) in ({@link RoomRouting}, quiet-above
 * per room); the other replicas hear it on the broadcast channel while the whole cluster is below
 * quiet-above, as before rooms (until rooms are cluster-wide, docs/rooms-design.md step 7).
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
	 * {@code joined the chat}. @param online users online counting the new one
	 * @return whether anybody was told
	 */
	boolean joining(Session session, String name, int online) {
		byte[] notice = Replies.joined(name);
		Room lobby = this.rooms.defaultRoom();
		boolean here = this.routing.announces(lobby.members() + 1);
		if (here) {
			this.delivery.counted(this.routing.notice(lobby, notice, session, lobby.members() + 1));
		}
		boolean elsewhere = announces(online);
		if (elsewhere) {
			this.cluster.broadcast(notice);
		}
		return here || elsewhere;
	}

	/**
	 * Tells everybody who shared a room with a user who left that they left, once each.
	 * @param left the rooms the user was in
	 * @param online the users left online
	 * @param shuttingDown this replica stops: its own users are told that instead, only the others hear it
	 */
	void left(Session session, String name, List<Room> left, int online, boolean shuttingDown) {
		DisconnectReason reason = session.closeReason();
		byte[] notice = Replies.left(name, reason.leaveText(session.closeDetail()));
		if (!shuttingDown) {
			this.delivery.counted(this.routing.toFormerRoommates(left, notice));
		}
		if (announces(online + 1)) {
			this.cluster.broadcast(notice);
		}
	}

	/** A rename: the user always reads it, everybody sharing a room with them unless the room is quiet. */
	void renamed(Session session, byte[] notice) {
		this.delivery.deliver(session, notice);
		this.delivery.counted(this.routing.toRoommates(session, notice));
		if (announces(online())) {
			this.cluster.broadcast(notice);
		}
	}

}
