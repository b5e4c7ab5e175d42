package com.chatrelay.chat;

import java.util.function.Function;
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

	private final Cluster cluster;

	RoomAdmin(Rooms rooms, RoomRouting routing, RoomRouting.Sink sink, IntConsumer delivered, Cluster cluster) {
		this.rooms = rooms;
		this.routing = routing;
		this.sink = sink;
		this.delivered = delivered;
		this.cluster = cluster;
	}

	/**
	 * Closes a room, on every replica: its members leave it and read
	 * {@code [SERVER] #room was closed by an administrator: <reason>}.
	 */
	RoomCloseOutcome close(RoomName name, @Nullable String reason) {
		String why = (reason == null) ? "" : TextSanitizer.removeControls(reason).strip();
		RoomClosed closed = closeHere(name, (room) -> RoomReplies.closed(room, TextSanitizer.isBlank(why) ? null : why));
		if (closed.outcome() == RoomCloseOutcome.CLOSED) {
			this.cluster.roomClosed(closed.room().name(), closed.notice());
		}
		return closed.outcome();
	}

	/** Another replica closed a room: its members here leave it and read that replica's notice. */
	void closedElsewhere(RoomName name, byte[] notice) {
		closeHere(name, (room) -> notice);
	}

	private RoomClosed closeHere(RoomName name, Function<RoomName, byte[]> notice) {
		RoomClosed closed = this.rooms.close(name);
		if (closed.outcome() == RoomCloseOutcome.CLOSED) {
			byte[] line = notice.apply(closed.room().name());
			int sent = 0;
			for (Session member : closed.members()) {
				sent += this.sink.deliver(member, line) ? 1 : 0;
			}
			this.delivered.accept(sent);
			return closed.withNotice(line);
		}
		return closed;
	}

	/**
	 * {@code [SERVER] <text>} (sanitized) to a room's members, here and elsewhere, prefixed for those
	 * whose active room it is not. @return false when there is no such room
	 */
	boolean announce(RoomName name, String text) {
		Room room = this.rooms.find(name);
		if (room == null) {
			return false;
		}
		this.delivered.accept(this.routing.say(room, Replies.server(TextSanitizer.removeControls(text)), null));
		return true;
	}

}
