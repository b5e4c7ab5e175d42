package com.chatrelay.cluster;

/** The Redis keys and channels of the relay's cluster; all start with {@code chat-relay:}. */
final class RedisKeys {

	static final String PREFIX = "chat-relay:";

	/** The pub/sub channel every replica publishes its batches of events on. */
	static final String CHANNEL = PREFIX + "events";

	/** {@code <prefix><replica id>}: the replica's running incarnation, expiring unless it beats. */
	static final String ALIVE_PREFIX = PREFIX + "replica:";

	/** {@code <prefix><name key>}: the lease of a user name, {@code "<replica> <incarnation> <token>"}. */
	static final String NAME_PREFIX = PREFIX + "name:";

	/** When claims of names open (Redis time, ms); missing after Redis lost everything (see open-registry.lua). */
	static final String REGISTRY = PREFIX + "registry";

	/** Every active ban: id to the ban and its place in the list (JSON). */
	static final String BANS = PREFIX + "bans";

	/** Numbers the bans in the order they were made, whichever replica made them. */
	static final String BAN_ORDER = PREFIX + "bans:order";

	/** {@code <prefix><room key>}: the pub/sub channel of a room other than the default room. */
	static final String ROOM_PREFIX = PREFIX + "room:";

	private RedisKeys() {
	}

	/** The channel of the room with this key (see {@code RoomName#key}; Redis channels are binary-safe). */
	static String room(String key) {
		return ROOM_PREFIX + key;
	}

	static String alive(String replicaId) {
		return ALIVE_PREFIX + replicaId;
	}

	static String name(String key) {
		return NAME_PREFIX + key;
	}

}
