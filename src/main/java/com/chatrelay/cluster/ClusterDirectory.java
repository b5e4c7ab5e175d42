package com.chatrelay.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import com.chatrelay.chat.NameRules;
import com.chatrelay.chat.UserView;

/**
 * Who is on the other replicas, as this replica last heard: kept from their events (joins, leaves,
 * periodic snapshots of all their users) in the order they were published, so {@code /who},
 * {@code /msg}, the welcome's count and the admin API answer without asking Redis. A replica that
 * falls silent for too long is lost (its users are announced as gone); one that speaks again,
 * after a pause, is listed again from its next snapshot.
 * <p>
 * Written by the cluster listener thread (events) and the heartbeat thread (losses), read by any;
 * a kick waits on {@link #whenGone} for the user's replica to confirm it.
 */
final class ClusterDirectory {

	private final Map<String, Peer> peers = new ConcurrentHashMap<>();

	/** Futures of {@link #whenGone}, to the name key each waits for. */
	private final Map<CompletableFuture<Void>, String> waiting = new ConcurrentHashMap<>();

	/** When this replica last heard its own beat come back through Redis: proof it hears the channel. */
	private volatile long ownHeardNanos;

	/** One other replica. */
	private static final class Peer {

		final String id;

		volatile String incarnation;

		/** By name key. */
		final Map<String, UserView> users = new ConcurrentHashMap<>();

		volatile long heardNanos;

		volatile boolean lost;

		/** Lost, and heard again: its next snapshot brings its users back (they are announced again). */
		volatile boolean returning;

		Peer(String id) {
			this.id = id;
		}

	}

	void ownHeard(long nowNanos) {
		this.ownHeardNanos = nowNanos;
	}

	long ownHeardNanos() {
		return this.ownHeardNanos;
	}

	/**
	 * A batch from another replica arrived.
	 * @return the users of an earlier incarnation of it (it restarted): they are gone
	 */
	List<UserView> heard(String replicaId, String incarnation, long nowNanos) {
		Peer peer = this.peers.computeIfAbsent(replicaId, Peer::new);
		peer.heardNanos = nowNanos;
		List<UserView> gone = List.of();
		if (peer.incarnation != null && !peer.incarnation.equals(incarnation)) {
			gone = peer.lost ? List.of() : new ArrayList<>(peer.users.values());
			peer.users.clear();
			settle();
		}
		peer.incarnation = incarnation;
		if (peer.lost) {
			peer.lost = false;
			peer.returning = true;
		}
		return gone;
	}

	void joined(String replicaId, UserView user) {
		Peer peer = this.peers.get(replicaId);
		if (peer != null) {
			peer.users.put(NameRules.key(user.name()), user.remote());
		}
	}

	/** A user left, or changed name (the old name leaves, the new one joins). */
	void left(String replicaId, String name) {
		Peer peer = this.peers.get(replicaId);
		if (peer != null) {
			peer.users.remove(NameRules.key(name));
			settle();
		}
	}

	/**
	 * Every user of a replica, replacing what was known of it.
	 * @return the users of a replica back from being lost (announced as gone then), else none
	 */
	List<UserView> snapshot(String replicaId, Collection<UserView> users) {
		Peer peer = this.peers.get(replicaId);
		if (peer == null) {
			return List.of();
		}
		Map<String, UserView> now = new ConcurrentHashMap<>();
		for (UserView user : users) {
			now.put(NameRules.key(user.name()), user.remote());
		}
		peer.users.keySet().retainAll(now.keySet());
		peer.users.putAll(now);
		settle();
		if (!peer.returning) {
			return List.of();
		}
		peer.returning = false;
		return new ArrayList<>(now.values());
	}

	/** The replica stopped gracefully (its users' leave notices came before): forget it quietly. */
	void bye(String replicaId) {
		this.peers.remove(replicaId);
		settle();
	}

	/**
	 * Marks replicas not heard since {@code silentSince} as lost.
	 * @return their users, who are gone
	 */
	List<UserView> loseSilentSince(long silentSinceNanos) {
		List<UserView> gone = new ArrayList<>();
		for (Peer peer : this.peers.values()) {
			if (!peer.lost && peer.heardNanos - silentSinceNanos < 0) {
				peer.lost = true;
				gone.addAll(peer.users.values());
				peer.users.clear();
			}
		}
		if (!gone.isEmpty()) {
			settle();
		}
		return gone;
	}

	/** The users of every other replica. */
	List<UserView> users() {
		List<UserView> users = new ArrayList<>();
		for (Peer peer : this.peers.values()) {
			users.addAll(peer.users.values());
		}
		return users;
	}

	int userCount() {
		int count = 0;
		for (Peer peer : this.peers.values()) {
			count += peer.users.size();
		}
		return count;
	}

	/** A user of another replica, found by name (case-insensitively, as names are compared). */
	Optional<UserView> find(String name) {
		String key = NameRules.key(name);
		for (Peer peer : this.peers.values()) {
			UserView user = peer.users.get(key);
			if (user != null) {
				return Optional.of(user);
			}
		}
		return Optional.empty();
	}

	/**
	 * Completes once no other replica is known to have a user of this name: it left, was renamed,
	 * or its replica was lost, restarted or said bye. Already so: completed at once. A caller that
	 * stops waiting calls {@link #stopWaiting}.
	 */
	CompletableFuture<Void> whenGone(String name) {
		CompletableFuture<Void> gone = new CompletableFuture<>();
		this.waiting.put(gone, NameRules.key(name));
		settle(); // registered first, then checked: a leave between the two is not missed
		return gone;
	}

	void stopWaiting(CompletableFuture<Void> gone) {
		this.waiting.remove(gone);
	}

	/** Completes the waits whose user is no longer listed; called after every change that removes users. */
	private void settle() {
		if (this.waiting.isEmpty()) {
			return;
		}
		this.waiting.forEach((gone, key) -> {
			if (!isListed(key) && this.waiting.remove(gone, key)) {
				gone.complete(null);
			}
		});
	}

	private boolean isListed(String key) {
		for (Peer peer : this.peers.values()) {
			if (peer.users.containsKey(key)) {
				return true;
			}
		}
		return false;
	}

	/** Whether this replica was counted as lost (it was paused or cut off, and speaks again now). */
	boolean isLost(String replicaId) {
		Peer peer = this.peers.get(replicaId);
		return peer != null && peer.lost;
	}

}
