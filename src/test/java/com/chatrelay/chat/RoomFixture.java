package com.chatrelay.chat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

/** Rooms with everything a room command needs, on recording connections and a fixed clock: no network. */
final class RoomFixture {

	static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

	final Rooms rooms;

	final RoomRouting routing;

	final RoomListing listing;

	final RoomCommands commands;

	final RoomAdmin admin;

	final AtomicInteger delivered = new AtomicInteger();

	RoomFixture() {
		this(RoomSettings.defaults(), 1000);
	}

	RoomFixture(RoomSettings settings, int quietAbove) {
		this(settings, quietAbove, RoomOccupancy.NONE);
	}

	RoomFixture(RoomSettings settings, int quietAbove, RoomOccupancy occupancy) {
		this.rooms = new Rooms(settings, Clock.fixed(START, ZoneOffset.UTC), occupancy);
		RoomRouting.Sink sink = (session, line) -> session.connection().offer(line);
		this.routing = new RoomRouting(this.rooms, sink, quietAbove);
		this.listing = new RoomListing(this.rooms);
		this.commands = new RoomCommands(this.rooms, this.routing, this.listing, sink, this.delivered::addAndGet,
				Cluster.STANDALONE, ChatMetrics.NONE);
		this.admin = new RoomAdmin(this.rooms, this.routing, sink, this.delivered::addAndGet, Cluster.STANDALONE);
	}

	/** A named user past the handshake: in the default room. */
	Session user(String name) {
		Session session = session(name);
		this.rooms.enter(session);
		return session;
	}

	/** A named session that is in no room yet. */
	static Session session(String name) {
		Session session = new Session(new RecordingConnection(), ClientAddress.of("127.0.0.1"), START, 0);
		session.name(name);
		session.welcomed();
		return session;
	}

	/** Types a line as the user would, a command or not (§1's commands are not handled here). */
	void type(Session session, String line) {
		if (!line.startsWith("/")) {
			this.commands.say(session, Replies.chat(session.name(), line));
			return;
		}
		int space = line.indexOf(' ');
		String word = (space < 0) ? line.substring(1) : line.substring(1, space);
		String rest = (space < 0) ? "" : NameRules.trim(line.substring(space + 1));
		String sanitized = NameRules.trim(TextSanitizer.removeControls(rest));
		if (!this.commands.run(session, word, sanitized, rest)) {
			throw new AssertionError("not a room command: " + line);
		}
	}

	static RecordingConnection out(Session session) {
		return (RecordingConnection) session.connection();
	}

	static RoomName name(String typed) {
		RoomName name = RoomName.parse(typed);
		if (name == null) {
			throw new AssertionError("invalid: " + typed);
		}
		return name;
	}

	static void clear(Session... sessions) {
		for (Session session : sessions) {
			out(session).clear();
		}
	}

}
