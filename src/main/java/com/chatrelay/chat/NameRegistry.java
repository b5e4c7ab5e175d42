package com.chatrelay.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

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
	 * Takes every key of the name ({@link NameRules#keys}) here, then the name across the cluster.
	 * Keys this session holds already (a rename to a confusable or differently cased name) are its own.
	 * @return false when somebody, here or on another replica, has the name or one confusable with it
	 * @throws ClusterUnavailableException when the cluster could not say (the name stays free here)
	 */
	boolean claim(String name, Session session) {
		List<String> keys = NameRules.keys(name);
		List<String> taken = new ArrayList<>(keys.size());
		for (String key : keys) {
			Session owner = this.owners.putIfAbsent(key, session);
			if (owner == null) {
				taken.add(key);
			}
			else if (owner != session) {
				remove(taken, session);
				return false;
			}
		}
		boolean claimed = false;
		try {
			claimed = taken.isEmpty() || this.cluster.claim(taken);
			return claimed;
		}
		finally {
			if (!claimed) {
				remove(taken, session); // taken elsewhere, or the cluster could not say
			}
		}
	}

	/** Claims the next free {@code guest-N} that is not {@code refused} (banned). */
	String claimGuest(Session session, Predicate<String> refused) {
		while (true) {
			String name = "guest-" + this.guests.incrementAndGet();
			if (!refused.test(name) && claim(name, session)) {
				return name;
			}
		}
	}

	/** Gives a name back, if this session has it. */
	void release(String name, Session session) {
		releaseExcept(name, null, session);
	}

	/** Gives a name back but for the keys it shares with {@code kept} (null: none), which the session keeps. */
	void releaseExcept(String name, String kept, Session session) {
		List<String> keys = new ArrayList<>(NameRules.keys(name));
		if (kept != null) {
			keys.removeAll(NameRules.keys(kept));
		}
		keys.removeIf((key) -> this.owners.get(key) != session);
		if (!keys.isEmpty()) {
			this.cluster.release(keys);
		}
		remove(keys, session);
	}

	/** The session holding a key of a name, whatever its state; null when none. */
	Session holder(String key) {
		return this.owners.get(key);
	}

	private void remove(List<String> keys, Session session) {
		for (String key : keys) {
			this.owners.remove(key, session);
		}
	}

	/** The session of a user of this replica who has finished joining; null when none. */
	Session find(String name) {
		Session session = this.owners.get(NameRules.key(name));
		return (session != null && session.isChatting()) ? session : null;
	}

}
