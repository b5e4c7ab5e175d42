package com.chatrelay.cluster;

/**
 * What one replica tells the others on the Redis channel.
 *
 * @param origin the replica that sent it (it ignores its own)
 * @param type {@code line} (for everybody), {@code private} (for {@code to}) or {@code kick} (of {@code to})
 * @param to the user a private line or a kick is for
 * @param line the encoded line, as text
 * @param reason why a user is kicked
 */
record ClusterEvent(String origin, String type, String to, String line, String reason) {

	static final String LINE = "line";

	static final String PRIVATE = "private";

	static final String KICK = "kick";

}
