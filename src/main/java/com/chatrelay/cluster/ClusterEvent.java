package com.chatrelay.cluster;

import com.chatrelay.chat.Bans;

/**
 * What one replica tells the others on the Redis channel.
 *
 * @param origin the replica that sent it (it ignores its own)
 * @param type {@code line} (for everybody), {@code private} (for {@code to}), {@code kick} (of {@code to}), {@code ban} or {@code unban}
 * @param to the user a private line or a kick is for
 * @param line the encoded line, as text
 * @param reason why a user is kicked
 * @param ban a new ban ({@code ban}); an ended one is named by its id in {@code to} ({@code unban})
 */
record ClusterEvent(String origin, String type, String to, String line, String reason, Bans.Shared ban) {

	static final String LINE = "line";

	static final String PRIVATE = "private";

	static final String KICK = "kick";

	static final String BAN = "ban";

	static final String UNBAN = "unban";

}
