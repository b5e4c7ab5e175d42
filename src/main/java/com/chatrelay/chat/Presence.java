package com.chatrelay.chat;

/**
 * Join and leave notices, and who counts as online: the users of this replica and of the others
 * ({@link Cluster#remoteUserCount}), so that the welcome's count and {@code quiet-above} hold for
 * the whole cluster.
 */
final class Presence {

	private final Members members;

	private final Cluster cluster;

	private final Delivery delivery;

	private final int quietAbove;

	Presence(Members members, Cluster cluster, Delivery delivery, int quietAbove) {
		this.members = members;
		this.cluster = cluster;
		this.delivery = delivery;
		this.quietAbove = quietAbove;
	}

	/** Users online in the whole cluster. */
	int online() {
		return this.members.size() + this.cluster.remoteUserCount();
	}

	/** Whether a room of {@code online} users is small enough for join and leave notices. */
	boolean announces(int online) {
		return online < this.quietAbove;
	}

	/**
	 * Tells everybody else that a user left.
	 * @param online the users left in the room
	 * @param shuttingDown this replica stops: its own users are told that instead, only the others hear it
	 */
	void left(Session session, String name, int online, boolean shuttingDown) {
		if (!announces(online + 1)) {
			return;
		}
		DisconnectReason reason = session.closeReason();
		byte[] notice = Replies.left(name, reason.leaveText(session.closeDetail()));
		if (shuttingDown) {
			this.cluster.broadcast(notice);
		}
		else {
			this.delivery.broadcast(notice, session);
		}
	}

}
