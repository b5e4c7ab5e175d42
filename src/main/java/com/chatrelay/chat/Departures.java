package com.chatrelay.chat;

import java.util.List;

/**
 * Ending sessions: the reason is recorded, the user leaves at once (every room, the name is free
 * and the leave notice goes out now), then the connection is closed. Any thread.
 */
final class Departures {

	private final NameRegistry names;

	private final Members members;

	private final Presence presence;

	private final Rooms rooms;

	private volatile boolean shuttingDown;

	Departures(NameRegistry names, Members members, Rooms rooms, Presence presence) {
		this.names = names;
		this.members = members;
		this.rooms = rooms;
		this.presence = presence;
	}

	/**
	 * Disconnects a user of this replica (asked by an admin here or on another replica): they read
	 * why, the others see {@code (kicked: reason)}. @return false when nobody here has that name
	 */
	boolean kick(String name, String reason) {
		Session session = this.names.find(name);
		if (session == null) {
			return false;
		}
		String why = (reason == null) ? null : TextSanitizer.removeControls(reason).strip();
		if (why != null && TextSanitizer.isBlank(why)) {
			why = null; // nothing visible: the user and the others both read no reason
		}
		disconnect(session, DisconnectReason.KICKED, why,
				Replies.server("you were disconnected by an administrator" + (why == null ? "" : ": " + why)));
		return true;
	}

	/** A recipient whose queue is full (or who stopped reading): closed at once, what is queued is lost. */
	void dropSlowConsumer(Session session) {
		disconnect(session, DisconnectReason.SLOW_CONSUMER, null, false);
	}

	/** Ends a session; {@code flush}: after what is queued for it is written, else at once. */
	void disconnect(Session session, DisconnectReason reason, String detail, boolean flush) {
		if (!session.closing(reason, detail)) {
			return;
		}
		leave(session);
		if (flush) {
			session.connection().closeAfterFlush();
		}
		else {
			session.connection().closeNow();
		}
	}

	/** Ends a session with a last line to its client, which is the last thing it reads. */
	void disconnect(Session session, DisconnectReason reason, String detail, byte[] lastWords) {
		if (!session.closing(reason, detail)) {
			return;
		}
		leave(session);
		session.connection().closeAfter(lastWords);
	}

	/** Takes a named user out of the room, once. */
	void leave(Session session) {
		String name;
		synchronized (session) { // against a rename on the reading thread (see Renames#rename)
			if (!session.moveTo(Session.State.CHATTING, Session.State.CLOSED)) {
				return;
			}
			name = session.name();
		}
		int online = this.members.remove(session);
		if (online < 0) {
			return;
		}
		List<Room> left = this.rooms.leaveAll(session);
		this.names.release(name, session);
		this.presence.left(session, name, left, this.shuttingDown); // and the cluster: the others' rooms
	}

	/** This replica stops: its users are told that, and only the other replicas hear them leave. */
	void shuttingDown(boolean stopping) {
		this.shuttingDown = stopping;
	}

	boolean isShuttingDown() {
		return this.shuttingDown;
	}

}
