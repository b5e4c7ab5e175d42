package com.chatrelay.chat;

import java.util.function.IntConsumer;

import org.jspecify.annotations.Nullable;

/**
 * The room commands of a named user (SPEC §9): {@code /join /part /rooms}, and {@code /who #room}
 * and {@code /msg #room} beside §1's {@code /who} and {@code /msg <name>}; and where a plain line
 * or {@code /me} goes (the active room). Called on the session's reading thread, one line at a time,
 * after the rate limit. Room names are checked as typed, like {@code /nick}.
 */
final class RoomCommands {

	private final Rooms rooms;

	private final RoomRouting routing;

	private final RoomListing listing;

	private final RoomRouting.Sink replies;

	private final IntConsumer delivered;

	private final Cluster cluster;

	private final ChatMetrics metrics;

	/** @param delivered counts the lines queued to others (the {@code messagesDelivered} figures) */
	RoomCommands(Rooms rooms, RoomRouting routing, RoomListing listing, RoomRouting.Sink replies,
			IntConsumer delivered, Cluster cluster, ChatMetrics metrics) {
		this.rooms = rooms;
		this.routing = routing;
		this.listing = listing;
		this.replies = replies;
		this.delivered = delivered;
		this.cluster = cluster;
		this.metrics = metrics;
	}

	/**
	 * Runs a command if it is a room command.
	 * @param word the command word, lower case, without its '/'
	 * @param rest what follows the word, sanitized and trimmed
	 * @param typed what follows the word as received, trimmed (room names are read from it)
	 * @return false when it is none (§1's commands handle it)
	 */
	boolean run(Session session, String word, String rest, String typed) {
		switch (word) {
			case "join" -> join(session, typed);
			case "part" -> part(session, rest, typed);
			case "rooms" -> reply(session, this.listing.rooms());
			case "who" -> {
				if (!typed.startsWith("#")) {
					return false;
				}
				RoomName name = RoomName.parse(typed);
				reply(session, (name == null) ? RoomReplies.INVALID_NAME : this.listing.who(name));
			}
			case "msg" -> {
				if (!typed.startsWith("#")) {
					return false;
				}
				post(session, rest, typed);
			}
			default -> {
				return false;
			}
		}
		return true;
	}

	/** A plain line or {@code /me} (in §1's form): to the user's active room, or the error when they have none. */
	void say(Session session, byte[] line) {
		Room room = this.rooms.active(session);
		if (room == null) {
			reply(session, RoomReplies.NO_ROOM);
			return;
		}
		this.delivered.accept(this.routing.say(room, line, session));
	}

	private void join(Session session, String typed) {
		if (typed.isEmpty()) {
			reply(session, Replies.error("usage: /join #room"));
			return;
		}
		RoomName name = RoomName.parse(typed);
		if (name == null) {
			reply(session, RoomReplies.INVALID_NAME);
			return;
		}
		RoomJoined joined = this.rooms.join(session, name, (room, members) -> {
			byte[] line = RoomReplies.joined(room.name(), members);
			if (session.connection().offer(line)) { // a full queue: the sweep drops the slow consumer
				session.countOut(line.length + 1);
			}
		});
		switch (joined.outcome()) {
			case JOINED -> {
				this.delivered.accept(this.routing.notice(joined.room(),
						RoomReplies.memberJoined(session.name(), joined.room().name()), session, joined.members()));
				this.cluster.roomJoined(session.name(), joined.room().name(), joined.room().createdAt());
			}
			case ACTIVATED -> reply(session, RoomReplies.activated(joined.room().name()));
			case TOO_MANY_FOR_USER -> {
				this.metrics.roomJoinRefused(RoomLimit.MAX_PER_USER);
				reply(session, RoomReplies.tooManyForUser(this.rooms.settings().maxPerUser()));
			}
			case TOO_MANY_ROOMS -> {
				this.metrics.roomJoinRefused(RoomLimit.MAX_ROOMS);
				reply(session, RoomReplies.TOO_MANY_ROOMS);
			}
			case GONE -> {
			}
		}
	}

	/** {@code /part [#room] [reason]}. */
	private void part(Session session, String rest, String typed) {
		RoomName name = null;
		String reason = rest;
		if (typed.startsWith("#")) {
			name = RoomName.parse(firstWord(typed));
			if (name == null) {
				reply(session, RoomReplies.INVALID_NAME);
				return;
			}
			reason = afterFirstWord(rest);
		}
		RoomParted parted = this.rooms.part(session, name);
		switch (parted.outcome()) {
			case LEFT -> {
				RoomName left = parted.room().name();
				reply(session, RoomReplies.youLeft(left));
				byte[] notice = RoomReplies.memberLeft(session.name(), left, orNull(reason));
				this.delivered.accept(this.routing.notice(parted.room(), notice, session, parted.members() + 1));
				this.cluster.roomParted(session.name(), left, notice);
			}
			case NOT_MEMBER -> reply(session, RoomReplies.notIn(name));
			case NO_ACTIVE_ROOM -> reply(session, RoomReplies.NO_ROOM);
		}
	}

	/** {@code /msg #room <text>}: to a room the user is in, which does not become active. */
	private void post(Session session, String rest, String typed) {
		String text = afterFirstWord(rest);
		if (TextSanitizer.isBlank(text)) {
			reply(session, Replies.error("usage: /msg #room <text>"));
			return;
		}
		RoomName name = RoomName.parse(firstWord(typed));
		if (name == null) {
			reply(session, RoomReplies.INVALID_NAME);
			return;
		}
		Room room = this.rooms.joined(session, name);
		if (room == null) {
			reply(session, RoomReplies.notIn(name));
			return;
		}
		this.delivered.accept(this.routing.say(room, Replies.chat(session.name(), text), session));
	}

	private void reply(Session session, byte[] line) {
		this.replies.deliver(session, line);
	}

	private static String firstWord(String text) {
		int space = text.indexOf(' ');
		return (space < 0) ? text : text.substring(0, space);
	}

	private static String afterFirstWord(String text) {
		int space = text.indexOf(' ');
		return (space < 0) ? "" : NameRules.trim(text.substring(space + 1));
	}

	private static @Nullable String orNull(String reason) {
		return TextSanitizer.isBlank(reason) ? null : reason;
	}

}
