package com.chatrelay.chat;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** The exact lines of SPEC §9 (rooms) that scripts parse, encoded for the socket like {@link Replies}. */
final class RoomReplies {

	static final byte[] INVALID_NAME = Replies.error("invalid room name");

	static final byte[] NO_ROOM = Replies.error("you are in no room; /join #room first");

	static final byte[] TOO_MANY_ROOMS = Replies.error("too many rooms on this server");

	/** What {@code /help} adds for rooms, after §1's commands. */
	static final List<String> HELP = List.of(
			"  /join #room           join a room (created if new) and make it active",
			"  /part [#room] [why]   leave a room (default: the active one)",
			"  /rooms                every room and its members",
			"  /who #room            who is in a room",
			"  /msg #room <text>     say something in a room without making it active");

	private RoomReplies() {
	}

	/** To the joiner; {@code members} counts them. */
	static byte[] joined(RoomName room, int members) {
		return Replies.server("you joined " + room + " (" + members + " members)");
	}

	/** To the room's other members. */
	static byte[] memberJoined(String name, RoomName room) {
		return Replies.server(name + " joined " + room);
	}

	static byte[] activated(RoomName room) {
		return Replies.server(room + " is now your active room");
	}

	static byte[] youLeft(RoomName room) {
		return Replies.server("you left " + room);
	}

	static byte[] memberLeft(String name, RoomName room, @Nullable String reason) {
		return Replies.server(name + " left " + room + ((reason == null) ? "" : " (" + reason + ")"));
	}

	/** To every member of a room an administrator closed. */
	static byte[] closed(RoomName room, @Nullable String reason) {
		return Replies.server(room + " was closed by an administrator" + ((reason == null) ? "" : ": " + reason));
	}

	/** {@code /rooms}: the count of every room, then the first of {@code #name (members)}, sorted. */
	static byte[] rooms(int count, List<String> first) {
		return Replies.server("rooms (" + count + "): " + String.join(", ", first) + more(count, first.size()));
	}

	/** {@code /who #room}: the count of its members, then the first names, sorted. */
	static byte[] who(RoomName room, int count, List<String> first) {
		return Replies.server(room + " (" + count + "): " + String.join(", ", first) + more(count, first.size()));
	}

	/** {@code room} as the user typed it: it may not exist. */
	static byte[] notIn(RoomName room) {
		return Replies.error("you are not in " + room);
	}

	static byte[] noSuchRoom(RoomName room) {
		return Replies.error("no such room " + room);
	}

	static byte[] tooManyForUser(int max) {
		return Replies.error("you are in too many rooms (max " + max + ")");
	}

	private static String more(int count, int shown) {
		return (count > shown) ? ", ... and " + (count - shown) + " more" : "";
	}

}
