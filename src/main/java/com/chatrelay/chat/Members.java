package com.chatrelay.chat;

import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * The named users who receive lines, as an array that is replaced, never changed: relaying a line
 * iterates a snapshot without a lock; joins and leaves (rare next to lines) copy it under one.
 */
final class Members {

	private final Object lock = new Object();

	private volatile Session[] sessions = new Session[0];

	/** The current members; never modified, safe to iterate. */
	Session[] snapshot() {
		return this.sessions;
	}

	int size() {
		return this.sessions.length;
	}

	/**
	 * Adds a session if {@code admit} agrees; {@code admit} runs under the lock, so that whatever it
	 * checks cannot change between the check and the add.
	 * @return the number of members with the new one, or -1 when it was not admitted
	 */
	int add(Session session, BooleanSupplier admit) {
		synchronized (this.lock) {
			if (!admit.getAsBoolean()) {
				return -1;
			}
			Session[] grown = Arrays.copyOf(this.sessions, this.sessions.length + 1);
			grown[grown.length - 1] = session;
			this.sessions = grown;
			return grown.length;
		}
	}

	/** @return the number of members left, or -1 when the session was not a member */
	int remove(Session session) {
		synchronized (this.lock) {
			Session[] current = this.sessions;
			int index = Arrays.asList(current).indexOf(session);
			if (index < 0) {
				return -1;
			}
			Session[] shrunk = new Session[current.length - 1];
			System.arraycopy(current, 0, shrunk, 0, index);
			System.arraycopy(current, index + 1, shrunk, index, current.length - index - 1);
			this.sessions = shrunk;
			return shrunk.length;
		}
	}

}
