package com.chatrelay.chat;

/**
 * A named user taking another name: by {@code /nick}, or by force when the cluster says another
 * replica holds their name (taken while this replica was paused or cut off: the lease in the
 * cluster wins, the user here gets a guest name).
 */
final class Renames {

	private final NameRegistry names;

	private final BanEnforcement bans;

	private final Departures departures;

	private final Delivery delivery;

	private final Presence presence;

	private final RoomRouting routing;

	private final Cluster cluster;

	Renames(NameRegistry names, BanEnforcement bans, Departures departures, Delivery delivery, Presence presence,
			RoomRouting routing, Cluster cluster) {
		this.names = names;
		this.bans = bans;
		this.departures = departures;
		this.delivery = delivery;
		this.presence = presence;
		this.routing = routing;
		this.cluster = cluster;
	}

	/**
	 * Claims a new name for a named user. Another spelling of the user's own name (case, width, a
	 * look-alike) is a rename, as IRC allows; the very same name (in NFC) is an error.
	 * @return null when done, else why not
	 */
	String rename(Session session, String requested) {
		String newName = NameRules.normalize(requested);
		String problem = NameRules.problem(newName);
		if (problem != null) {
			return problem;
		}
		String oldName = session.name();
		if (oldName.equals(newName)) {
			return "you are already " + oldName;
		}
		if (this.bans.refusesName(session, newName)) {
			return null; // the user is gone
		}
		try {
			if (!this.names.claim(newName, session)) {
				return "the name " + newName + " is taken";
			}
		}
		catch (ClusterUnavailableException ex) {
			return Handshake.NAME_SERVICE_UNAVAILABLE;
		}
		// a disconnect on another thread (a kick, a failed write) releases whichever name it sees: the
		// lock makes that the old one before the swap, or the new one after it, never neither
		synchronized (session) {
			if (!session.isChatting()) {
				this.names.releaseExcept(newName, oldName, session);
				return null;
			}
			this.names.releaseExcept(oldName, newName, session);
			session.name(newName);
		}
		this.presence.renamed(session, oldName, Replies.renamed(oldName, newName)); // a big room hears of renames as of joins: not at all
		return null;
	}

	/** Another replica holds this key of a name a user here had: that user becomes a guest. */
	void nameLost(String key) {
		Session session = this.names.holder(key);
		if (session == null || !session.isChatting() || !NameRules.keys(session.name()).contains(key)) {
			return; // gone, or renamed already (for another key of the same name)
		}
		String oldName = session.name();
		String guest;
		try {
			guest = this.names.claimGuest(session, this.bans::bansName);
		}
		catch (ClusterUnavailableException ex) {
			this.departures.disconnect(session, DisconnectReason.ERROR, "name lost", Replies.error("your name " + oldName
					+ " was taken while this server was cut off, and no other name could be checked; reconnect"));
			return;
		}
		synchronized (session) { // as in rename: a disconnect sees one name or the other
			// the cluster forgot the lost keys already: this gives back only the other spellings' leases
			this.names.release(oldName, session);
			if (!session.isChatting()) {
				this.names.release(guest, session);
				return;
			}
			session.name(guest);
		}
		byte[] notice = Replies.renamed(oldName, guest);
		this.delivery.deliver(session, Replies.server("your name " + oldName
				+ " was taken by another user while this server was cut off; you are now " + guest));
		this.delivery.counted(this.routing.toRoommates(session, notice));
		this.cluster.renamed(oldName, session.view(this.cluster.replicaId()), notice);
	}

}
