package com.chatrelay.chat;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * A connection's first lines: the name it asks for (checked, claimed here and across the cluster,
 * refused when banned), then the join: the default room's members are told, the new user enters it
 * and is welcomed.
 * Called on the session's reading thread, one line at a time.
 */
final class Handshake {

	private static final int MAX_NAME_TRIES = 5;

	/** A name that cannot be checked across the cluster (Redis slow or gone) is refused with this. */
	static final String NAME_SERVICE_UNAVAILABLE = "name service unavailable, try again";

	private final NameRegistry names;

	private final BanEnforcement bans;

	private final Departures departures;

	private final Members members;

	private final Rooms rooms;

	private final Presence presence;

	private final Delivery delivery;

	private final Cluster cluster;

	private final ChatLimits limits;

	private final LineBudgets budgets;

	private final LongSupplier nanoTime;

	Handshake(NameRegistry names, BanEnforcement bans, Departures departures, Members members, Rooms rooms,
			Presence presence, Delivery delivery, Cluster cluster, ChatLimits limits, LineBudgets budgets,
			LongSupplier nanoTime) {
		this.names = names;
		this.bans = bans;
		this.departures = departures;
		this.members = members;
		this.rooms = rooms;
		this.presence = presence;
		this.delivery = delivery;
		this.cluster = cluster;
		this.limits = limits;
		this.budgets = budgets;
		this.nanoTime = nanoTime;
	}

	/** The line a connection sent as its name. */
	void nameReceived(Session session, byte[] line) {
		// kept in NFC: a decomposed e + U+0301 is stored and shown as é, and meets an é online
		String name = NameRules.normalize(NameRules.trim(TextSanitizer.decode(line)));
		try {
			if (name.isEmpty()) {
				name = this.names.claimGuest(session, this.bans::bansName);
			}
			else {
				String problem = NameRules.problem(name);
				if (problem == null && this.bans.refusesName(session, name)) {
					return;
				}
				if (problem == null && !this.names.claim(name, session)) {
					problem = "the name " + name + " is taken";
				}
				if (problem != null) {
					refuseName(session, problem);
					return;
				}
			}
		}
		catch (ClusterUnavailableException ex) {
			// not the user's fault: it does not count as a failed try
			session.connection().offer(Replies.error(NAME_SERVICE_UNAVAILABLE));
			session.connection().offer(Replies.PROMPT);
			return;
		}
		join(session, name);
	}

	private void refuseName(Session session, String problem) {
		ClientConnection connection = session.connection();
		connection.offer(Replies.error(problem));
		if (++session.failedNames >= MAX_NAME_TRIES) {
			this.departures.disconnect(session, DisconnectReason.ERROR, "too many invalid names", Replies.error("too many invalid names"));
		}
		else {
			connection.offer(Replies.PROMPT);
		}
	}

	private void join(Session session, String name) {
		session.name(name);
		if (this.limits.rateLimitEnabled()) {
			// what the address's last sessions left, not a fresh burst per reconnect
			session.rateLimiter = this.budgets.start(session.address(), this.nanoTime.getAsLong());
		}
		if (session.state() != Session.State.HANDSHAKE) {
			this.names.release(name, session);
			return;
		}
		// the others hear of the join before the new user is welcomed: whoever joins later never sees it
		int elsewhere = this.cluster.remoteUserCount();
		this.presence.joining(session, name);
		int online;
		// Held while joining, so that a line relayed to the new member waits for its welcome (see Session#awaitWelcome)
		synchronized (session) {
			online = this.members.add(session, () -> session.moveTo(Session.State.HANDSHAKE, Session.State.CHATTING));
			if (online >= 0) {
				this.rooms.enter(session); // before the welcome: a leave that a full queue starts finds it in its rooms
				this.delivery.deliver(session, Replies.welcome(name, online + elsewhere));
				session.welcomed();
			}
		}
		if (online < 0) {
			// closed while joining: the others were told of the join, so they hear of the leave too
			this.names.release(name, session);
			this.presence.left(session, name, List.of(this.rooms.defaultRoom()), this.departures.isShuttingDown());
			return;
		}
		this.cluster.joined(session.view(this.cluster.replicaId()));
	}

}
