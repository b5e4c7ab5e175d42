package com.chatrelay.chat;

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

	/** @return false when somebody, here or on another replica, has the name */
	boolean claim(String name, Session session) {
		String key = NameRules.key(name);
		if (this.owners.putIfAbsent(key, session) != null) {
			return false;
		}
		if (!this.cluster.claim(key)) {
			this.owners.remove(key, session);
			return false;
		}
		return true;
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
		String key = NameRules.key(name);
		if (this.owners.remove(key, session)) {
			this.cluster.release(key);
		}
	}

	/** The session of a user of this replica who has finished joining; null when none. */
	Session find(String name) {
		Session session = this.owners.get(NameRules.key(name));
		return (session != null && session.isChatting()) ? session : null;
	}

}
