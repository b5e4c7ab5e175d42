package com.chatrelay.chat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The other replicas of the relay, as the room sees them. {@link #STANDALONE} is a relay on its own;
 * the cluster feature implements it on Redis. Calls on the relay path must not block; only a name
 * claim waits for an answer, within a short timeout.
 */
public interface Cluster {

	/** No other replicas: every name is free here, nothing to relay, nobody elsewhere. */
	Cluster STANDALONE = new Cluster() {
	};

	/** This replica's id, shown with its users; null when standalone. */
	default String replicaId() {
		return null;
	}

	/**
	 * Claims the keys of a name ({@link NameRules#keys}) across the cluster, all or none; waits for
	 * the answer, within a short timeout.
	 * @return false when another replica has one of them
	 * @throws ClusterUnavailableException when the cluster could not be asked in time
	 */
	default boolean claim(List<String> keys) {
		return true;
	}

	/** Gives up keys claimed with {@link #claim}; does not wait. */
	default void release(List<String> keys) {
	}

	/** A user joined here, or changed (a rename): the other replicas list them. */
	default void joined(UserView user) {
	}

	/** A user left here (by name). */
	default void left(String name) {
	}

	/**
	 * A user left here: out of the cluster's rooms, and {@code notice} ({@code left the chat}) to the
	 * members elsewhere of the rooms they were in.
	 */
	default void left(String name, byte[] notice) {
		left(name);
	}

	/** A user here took another name: listed under it, in the same rooms, {@code notice} to their roommates elsewhere. */
	default void renamed(String oldName, UserView user, byte[] notice) {
		left(oldName);
		joined(user);
	}

	// ---- rooms (SPEC §9): cluster-wide, see docs/cluster.md ----

	/** A room got its first member here: its lines elsewhere are wanted here from now on. Must not block. */
	default void roomOccupied(RoomName room) {
	}

	/** A room lost its last member here: its lines elsewhere are no longer wanted. Must not block. */
	default void roomVacated(RoomName room) {
	}

	/**
	 * A line said here in a room (§1's form), for the room's members elsewhere.
	 * @param everywhere the default room: every replica has members there
	 */
	default void roomLine(RoomName room, boolean everywhere, byte[] line) {
	}

	/** A user here joined a room (at the handshake, the default room), created at {@code createdAt}. */
	default void roomJoined(String user, RoomName room, Instant createdAt) {
	}

	/** A user here left a room; {@code notice} is what its members read. */
	default void roomParted(String user, RoomName room, byte[] notice) {
	}

	/** An administrator here closed a room: its members elsewhere leave it and read {@code notice}. */
	default void roomClosed(RoomName room, byte[] notice) {
	}

	/** Hands a line relayed to this replica's users to the other replicas, for theirs. */
	default void broadcast(byte[] line) {
	}

	/** Sends a line to a user on another replica. @return false when nobody elsewhere has that name */
	default boolean sendPrivate(String name, byte[] line) {
		return false;
	}

	/** Asks the replica that has this user to disconnect them. @return false when nobody elsewhere has that name */
	default boolean kick(String name, String reason) {
		return false;
	}

	/** How many users the other replicas have. */
	default int remoteUserCount() {
		return 0;
	}

	/** Users of the other replicas. */
	default List<UserView> remoteUsers() {
		return List.of();
	}

	/** A user of another replica. */
	default Optional<UserView> remoteUser(String name) {
		return Optional.empty();
	}

	/**
	 * Keeps a new ban for every replica (they enforce it at once) and across restarts.
	 * @throws ClusterUnavailableException when it could not be stored
	 */
	default void shareBan(Ban ban) {
	}

	/**
	 * Ends a ban on every replica.
	 * @return the ban, or empty when the cluster has no active ban with that id (or when standalone)
	 * @throws ClusterUnavailableException when the cluster could not be asked
	 */
	default Optional<Ban> unshareBan(String id) {
		return Optional.empty();
	}

	/**
	 * The active bans of the whole cluster, oldest first, each with its place in that order;
	 * empty when standalone (this process's bans are all there is).
	 * @throws ClusterUnavailableException when the cluster could not be asked
	 */
	default Optional<List<Bans.Shared>> sharedBans() {
		return Optional.empty();
	}

}
