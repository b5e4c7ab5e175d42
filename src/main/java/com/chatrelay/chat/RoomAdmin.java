package com.chatrelay.chat;

import java.util.function.IntConsumer;

import org.jspecify.annotations.Nullable;

/**
 * What an administrator does to a room (SPEC §9): close it (every member leaves and reads why; not
 * the default room) and announce in it. Any thread; the reasons and texts are checked by the API.
 */
final class RoomAdmin {

	private final Rooms rooms;

	private final RoomRouting routing;

	private final RoomRouting.Sink sink;

	private final IntConsumer delivered;

	RoomAdmin(Rooms rooms, RoomRouting routing, RoomRouting.Sink sink, IntConsumer delivered) {
		this.rooms = rooms;
		this.routing = routing;
		this.sink = sink;
		this.delivered = delivered;
	}

	/** Closes a room: its members here leave it and read {@code [SERVER] #room was closed by an administrator: <reason>}. */
	RoomCloseOutcome close(RoomName name, @Nullable String reason) {
		RoomClosed closed = this.rooms.close(name);
		if (closed.outcome() == RoomCloseOutcome.CLOSED) {
			String why = (reason == null) ? "" : TextSanitizer.removeControls(reason).strip();
			byte[] notice = RoomReplies.closed(closed.room().name(), TextSanitizer.isBlank(why) ? null : why);
			int sent = 0;
			for (Session member : closed.members()) {
				sent += this.sink.deliver(member, notice) ? 1 : 0;
			}
			this.delivered.accept(sent);
		}
		return closed.outcome();
	}

	/**
	 * {@code [SERVER] <text>} (sanitized) to a room's members here, prefixed for those whose active
	 * room it is not. @return false when there is no such room
	 */
	boolean announce(RoomName name, String text) {
		Room room = this.rooms.find(name);
		if (room == null) {
			return false;
		}
		this.delivered.accept(this.routing.relay(room, Replies.server(TextSanitizer.removeControls(text)), null));
		return true;
	}

}
