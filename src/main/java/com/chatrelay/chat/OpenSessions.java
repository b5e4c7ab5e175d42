package com.chatrelay.chat;

import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every open connection of this replica, named or still in the handshake, with the limits on how
 * many there may be (in all, and per client address). Thread-safe.
 */
final class OpenSessions {

	/** A set, not a map by id: the transport holds each session itself and never looks one up. */
	private final Set<Session> sessions = ConcurrentHashMap.newKeySet();

	private final AtomicInteger open = new AtomicInteger();

	private final AddressCounts addresses;

	private final int max;

	OpenSessions(ChatLimits limits) {
		this.max = limits.maxConnections();
		this.addresses = new AddressCounts(limits.maxConnectionsPerAddress());
	}

	/**
	 * Takes a place for a new connection.
	 * @return null when it may open, else why not ({@code SERVER_FULL} or {@code TOO_MANY_FROM_ADDRESS})
	 */
	DisconnectReason reserve(ClientConnection connection) {
		if (this.open.incrementAndGet() > this.max) {
			this.open.decrementAndGet();
			return DisconnectReason.SERVER_FULL;
		}
		if (!this.addresses.tryOpen(connection.remoteHost())) {
			this.open.decrementAndGet();
			return DisconnectReason.TOO_MANY_FROM_ADDRESS;
		}
		return null;
	}

	void add(Session session) {
		this.sessions.add(session);
	}

	/** @return whether the session was open (false the second time) */
	boolean remove(Session session) {
		if (!this.sessions.remove(session)) {
			return false;
		}
		this.open.decrementAndGet();
		this.addresses.closed(session.connection().remoteHost());
		if (this.sessions.isEmpty()) {
			synchronized (this.sessions) {
				this.sessions.notifyAll();
			}
		}
		return true;
	}

	Collection<Session> all() {
		return this.sessions;
	}

	/** Places taken (a connection being refused may hold one for a moment). */
	int reserved() {
		return this.open.get();
	}

	int size() {
		return this.sessions.size();
	}

	/** Waits until every connection is closed, for at most {@code timeout}. */
	void awaitAllClosed(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.sessions) {
			long left;
			while (!this.sessions.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
				try {
					TimeUnit.NANOSECONDS.timedWait(this.sessions, left);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

}
