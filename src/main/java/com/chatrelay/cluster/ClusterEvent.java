package com.chatrelay.cluster;

/**
 * One thing a replica tells the others; many travel in one published batch ({@link ClusterCodec}).
 *
 * @param type what it is
 * @param to the user a private line or a kick is for, the name of a user who left, a ban's id, a room
 * @param line an encoded chat line ({@link Type#LINE}, {@link Type#PRIVATE}, {@link Type#ROOM_LINE}), a notice
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
		UNBAN,
		/**
		 * A line said in a room ({@code to}: the room's name); {@code text}: the room's key, when it
		 * travels on the room's own channel (null for the default room, on the events channel).
		 */
		ROOM_LINE,
		/** A user ({@code to}) joined a room ({@code text}: {@code "<room> <created at, epoch ms>"}). */
		ROOM_JOINED,
		/** A user ({@code to}) left a room ({@code text}); {@code line}: what its members read. */
		ROOM_PARTED,
		/** An administrator closed a room ({@code text}); {@code line}: what its members read. */
		ROOM_CLOSED,
		/** A user ({@code to}: the old name) was renamed ({@code text}: the user, JSON); {@code line}: the notice. */
		RENAMED,
		/** Every user of the sender with their rooms ({@code text}: JSON), after its {@code SNAPSHOT}. */
		ROOMS

	}

	static ClusterEvent roomLine(String room, String key, byte[] line) {
		return new ClusterEvent(Type.ROOM_LINE, room, line, key);
	}

	/** The Redis channel it travels on. */
	String channel() {
		return (this.type == Type.ROOM_LINE && this.text != null) ? RedisKeys.room(this.text) : RedisKeys.CHANNEL;
	}

	static ClusterEvent line(byte[] line) {
		return new ClusterEvent(Type.LINE, null, line, null);
	}

	static ClusterEvent of(Type type) {
		return new ClusterEvent(type, null, null, null);
	}

	/** Whether it carries a user's line: a dropped one is counted as a dropped message. */
	boolean isChat() {
		return this.type == Type.LINE || this.type == Type.PRIVATE || this.type == Type.ROOM_LINE;
	}

}
