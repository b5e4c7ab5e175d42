package com.chatrelay.chat;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Who has which name, compared case-insensitively: claimed here first, then across the cluster
 * (a no-op when standalone). The one place where names are taken and given back.
 */
final class NameRegistry {

	private final ConcurrentHashMap<String, Session> owners = new ConcurrentHashMap<>();

	private final AtomicLong guests = new AtomicLong();

	private final Cluster cluster;

	NameRegistry(Cluster cluster) {
		this.cluster = cluster;
	}

	/**
	 * @return false when somebody, here or on another replica, has the name
	 * @throws ClusterUnavailableException when the cluster could not say (the name stays free here)
	 */
	boolean claim(String name, Session session) {
		String key = NameRules.key(name);
		if (this.owners.putIfAbsent(key, session) != null) {
			return false;
		}
		boolean claimed = false;
		try {
			claimed = this.cluster.claim(key);
			return claimed;
		}
		finally {
			if (!claimed) {
				this.owners.remove(key, session); // taken elsewhere, or the cluster could not say
			}
		}
	}

	/** Claims the next free {@code guest-N}. */
	String claimGuest(Session session) {
		while (true) {
			String name = "guest-" + this.guests.incrementAndGet();
			if (claim(name, session)) {
				return name;
			}
		}
	}

	/** Gives a name back, if this session has it. */
	void release(String name, Session session) {
		String key = NameRules.key(name);
		if (this.owners.remove(key, session)) {
			this.cluster.release(key);
		}
	}

	/** The session holding a name (by key), whatever its state; null when none. */
	Session holder(String key) {
		return this.owners.get(key);
	}

	/** Drops a name here without giving it back to the cluster (another replica holds it now). */
	void forget(String name, Session session) {
		this.owners.remove(NameRules.key(name), session);
	}

	/** The session of a user of this replica who has finished joining; null when none. */
	Session find(String name) {
		Session session = this.owners.get(NameRules.key(name));
		return (session != null && session.isChatting()) ? session : null;
	}

}
