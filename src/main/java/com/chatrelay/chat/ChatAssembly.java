package com.chatrelay.chat;

import java.time.Clock;
import java.util.function.LongSupplier;

/**
 * Builds the parts of the chat service in order, each from the ones before it, for
 * {@link ChatServer} to receive: nothing is handed a half-built service. Three groups: the server
 * (openSessions, names, admission, bans, the handshake, commands), the audience (members, delivery,
 * presence: who hears a line, and the join and leave notices) and the rooms (SPEC §9: who is in
 * which room, what reaches whom, the room commands).
 */
final class ChatAssembly {

	/** Closed connections kept for the admin API. */
	private static final int DISCONNECTS_KEPT = 1000;

	/** Of those, the most one client address may hold: one script cannot flush out the others. */
	private static final int DISCONNECTS_PER_ADDRESS = 100;

	final ChatLimits limits;

	final RoomSettings roomSettings;

	final ChatMetrics metrics;

	final Cluster cluster;

	final Clock clock;

	final LongSupplier nanoTime;

	// the server: who is connected, under which name, within which limits
	final OpenSessions openSessions;

	final NameRegistry names;

	final DisconnectLog disconnects = new DisconnectLog(DISCONNECTS_KEPT, DISCONNECTS_PER_ADDRESS);

	final LineBudgets budgets;

	// the room: who hears a line, and the notices
	final Members members = new Members();

	final Delivery delivery;

	// the rooms
	final Rooms rooms;

	final RoomRouting routing;

	final RoomListing listing;

	final RoomCommands roomCommands;

	final RoomAdmin roomAdmin;

	final Presence presence;

	// what happens to sessions, built on both
	final Departures departures;

	final BanEnforcement bans;

	final Admission admission;

	final Roster roster;

	final Renames renames;

	final Handshake handshake;

	final ChatLines lines;

	final ClusterInbox inbox;

	final SessionLifecycle sessions;

	ChatAssembly(ChatLimits limits, ChatMetrics metrics, Cluster cluster, Clock clock, LongSupplier nanoTime) {
		this(limits, RoomSettings.defaults(), metrics, cluster, clock, nanoTime);
	}

	ChatAssembly(ChatLimits limits, RoomSettings roomSettings, ChatMetrics metrics, Cluster cluster, Clock clock,
			LongSupplier nanoTime) {
		this.limits = limits;
		this.roomSettings = roomSettings;
		this.metrics = metrics;
		this.cluster = cluster;
		this.clock = clock;
		this.nanoTime = nanoTime;
		this.openSessions = new OpenSessions(limits);
		this.names = new NameRegistry(cluster);
		this.budgets = new LineBudgets(limits);
		this.delivery = new Delivery(this.members, cluster, metrics);
		this.rooms = new Rooms(roomSettings, clock, new ClusterOccupancy(cluster));
		this.routing = new RoomRouting(this.rooms, this.delivery::deliver, limits.quietAbove(), cluster);
		this.listing = new RoomListing(this.rooms);
		this.roomCommands = new RoomCommands(this.rooms, this.routing, this.listing, this.delivery::deliver,
				this.delivery::counted, cluster, metrics);
		this.roomAdmin = new RoomAdmin(this.rooms, this.routing, this.delivery::deliver, this.delivery::counted, cluster);
		this.presence = new Presence(this.members, cluster, this.delivery, this.rooms, this.routing, limits.quietAbove());
		this.departures = new Departures(this.names, this.members, this.rooms, this.presence);
		this.delivery.dropsSlowConsumersThrough(this.departures);
		this.bans = new BanEnforcement(new Bans(clock), cluster, this.openSessions, this.departures);
		this.admission = new Admission(this.departures, this.bans, this.openSessions, limits.connectionRate(), metrics);
		this.roster = new Roster(this.members, this.names, cluster, this.rooms, this.listing);
		this.renames = new Renames(this.names, this.bans, this.departures, this.delivery, this.presence, this.routing,
				cluster);
		this.handshake = new Handshake(this.names, this.bans, this.departures, this.members, this.rooms, this.presence,
				this.delivery, cluster, limits, this.budgets, nanoTime);
		Commands commands = new Commands(this.names, this.delivery, this.roster, this.renames, this.departures,
				this.roomCommands, cluster);
		this.lines = new ChatLines(commands, this.roomCommands, this.delivery, metrics, clock, nanoTime);
		this.inbox = new ClusterInbox(this.names, this.departures, this.delivery, this.presence, this.renames, metrics,
				this.disconnects, clock, new RoomInbox(this.rooms, this.routing, this.roomAdmin, this.delivery), this.routing);
		this.sessions = new SessionLifecycle(limits, metrics, clock, nanoTime, this.openSessions, this.admission,
				this.budgets, this.departures, this.disconnects);
	}

}
