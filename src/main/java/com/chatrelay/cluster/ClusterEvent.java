package com.chatrelay.cluster;

/**
 * One thing a replica tells the others; many travel in one published batch ({@link ClusterCodec}).
 *
 * @param type what it is
 * @param to the user a private line or a kick is for, the name of a user who left, a ban's id
 * @param line an encoded chat line ({@link Type#LINE}, {@link Type#PRIVATE})
 * @param text a kick's reason, or JSON: a user ({@link Type#JOINED}), users ({@link Type#SNAPSHOT}), a ban
 */
record ClusterEvent(Type type, String to, byte[] line, String text) {

	enum Type {

		/** A line for every user. */
		LINE,
		/** A line for one user ({@code to}). */
		PRIVATE,
		/** Disconnect a user ({@code to}) for {@code text}. */
		KICK,
		/** A user joined or was renamed. */
		JOINED,
		/** A user left. */
		LEFT,
		/** Every user of the sender, replacing what the others knew of it. */
		SNAPSHOT,
		/** A replica (or a new incarnation of one) started: the others answer with their snapshots. */
		HELLO,
		/** The sender is alive. */
		BEAT,
		/** The sender stops gracefully: its users' leave notices went before. */
		BYE,
		/** A new ban ({@code text}: the ban and its place, JSON). */
		BAN,
		/** A ban ended ({@code to}: its id). */
		UNBAN

	}

	static ClusterEvent line(byte[] line) {
		return new ClusterEvent(Type.LINE, null, line, null);
	}

	static ClusterEvent of(Type type) {
		return new ClusterEvent(type, null, null, null);
	}

	/** Whether it carries a user's line: a dropped one is counted as a dropped message. */
	boolean isChat() {
		return this.type == Type.LINE || this.type == Type.PRIVATE;
	}

}
