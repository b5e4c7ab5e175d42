package com.chatrelay.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies the {@link Bans} to this server's sessions: refuses a banned address at connect and a banned name when
 * it is claimed (handshake or {@code /nick}), and disconnects whoever a new ban matches at once.
 * <p>
 * A ban made while a user is between the name check and the join is not seen by that user's
 * handshake; the sweep over the sessions right after the ban is added catches them.
 * <p>
 * Clustered, bans live in the cluster (Redis) so that every replica enforces them and they survive
 * restarts; each replica checks connections against its own copy, which the cluster keeps current.
 */
public final class BanEnforcement {

	private final Bans bans;

	private final Cluster cluster;

	private final OpenSessions openSessions;

	private final Departures departures;

	BanEnforcement(Bans bans, Cluster cluster, OpenSessions openSessions, Departures departures) {
		this.bans = bans;
		this.cluster = cluster;
		this.openSessions = openSessions;
		this.departures = departures;
	}

	// ---- for operators ----

	/**
	 * Bans a name or an address on every replica and disconnects the users it matches: they read
	 * {@code you are banned: <reason>}, the others see {@code (banned: <reason>)}.
	 * @throws IllegalArgumentException for a bad name, address, reason or duration (see {@link Bans#add})
	 * @throws ClusterUnavailableException when clustered and the ban could not be stored for the others
	 */
	public Ban ban(String name, String address, String reason, Duration duration) {
		Ban ban = this.bans.add(name, address, reason, duration);
		try {
			this.cluster.shareBan(ban);
		}
		catch (ClusterUnavailableException ex) {
			this.bans.remove(ban.id());
			throw ex;
		}
		disconnectMatching(ban);
		return ban;
	}

	/**
	 * Ends a ban on every replica.
	 * @return the ban that was ended, or empty when no active ban has that id
	 * @throws ClusterUnavailableException when clustered and the others could not be told
	 */
	public Optional<Ban> unban(String id) {
		Optional<Ban> shared = this.cluster.unshareBan(id);
		Optional<Ban> local = this.bans.remove(id);
		return shared.isPresent() ? shared : local;
	}

	/** The active bans of the whole cluster, oldest first (this replica's copy when Redis cannot say). */
	public List<Ban> active() {
		long mark = this.bans.mark();
		Optional<List<Bans.Shared>> shared;
		try {
			shared = this.cluster.sharedBans();
		}
		catch (ClusterUnavailableException ex) {
			return this.bans.active();
		}
		if (shared.isEmpty()) {
			return this.bans.active();
		}
		this.bans.sync(shared.get(), mark);
		List<Ban> active = new ArrayList<>(shared.get().size());
		for (Bans.Shared one : shared.get()) {
			active.add(one.ban());
		}
		return active;
	}

	public Optional<Ban> find(String id) {
		return active().stream().filter((ban) -> ban.id().equals(id)).findFirst();
	}

	// ---- for the cluster ----

	/** Another replica made a ban: keep it and disconnect the users of this replica it matches. */
	public void enforce(Ban ban, long order) {
		this.bans.put(ban, order);
		disconnectMatching(ban);
	}

	/** Another replica ended a ban. */
	public void lifted(String id) {
		this.bans.remove(id);
	}

	/** Refreshes this replica's copy of the cluster's bans (bans made while it was away or cut off). */
	public void refresh() {
		long mark = this.bans.mark();
		this.cluster.sharedBans().ifPresent((shared) -> this.bans.sync(shared, mark));
	}

	private void disconnectMatching(Ban ban) {
		byte[] notice = Replies.server(youAreBanned(ban));
		for (Session session : this.openSessions.all()) {
			if (this.bans.matches(ban, session.name(), session.connection().remoteHost())) {
				this.departures.disconnect(session, DisconnectReason.BANNED, ban.reason(), notice);
			}
		}
	}

	// ---- for admission, the handshake and /nick ----

	/** The last line for a connection from a banned address, or null when it may connect. */
	byte[] refusal(ClientConnection connection) {
		Ban ban = this.bans.forAddress(connection.remoteHost());
		return (ban != null) ? Replies.error(youAreBanned(ban)) : null;
	}

	/** Whether a ban covers this name (a guest name is skipped then, not refused). */
	boolean bansName(String name) {
		return this.bans.forName(name) != null;
	}

	/** Disconnects the session when the name it claims is banned. @return whether it did */
	boolean refusesName(Session session, String name) {
		Ban ban = this.bans.forName(name);
		if (ban == null) {
			return false;
		}
		this.departures.disconnect(session, DisconnectReason.BANNED, ban.reason(), Replies.error(youAreBanned(ban)));
		return true;
	}

	private static String youAreBanned(Ban ban) {
		return (ban.reason() == null) ? "you are banned" : "you are banned: " + ban.reason();
	}

}
