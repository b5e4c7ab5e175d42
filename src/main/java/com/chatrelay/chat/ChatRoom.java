package com.chatrelay.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The one chat room, as the transport and the operators see it: the transport calls
 * {@link #connected}, {@link #lineReceived} and {@link #disconnected}; admin features and the
 * cluster call the public query and control methods. Plain Java. The work is done by one class
 * per job: {@link Handshake} (names, joins), {@link ChatLines} (rate limit, commands, relaying),
 * {@link Renames}, {@link Delivery} (queues to recipients), {@link Presence} (notices, counts),
 * {@link ClusterInbox} (what other replicas bring).
 * <p>
 * Threads: lines of one session arrive one at a time, different sessions concurrently. Names live
 * in {@link NameRegistry}, recipients in {@link Members} (relaying a line takes no lock there).
 */
public final class ChatRoom {

	private static final Comparator<String> BY_NAME = String.CASE_INSENSITIVE_ORDER;

	/** Closed connections kept for the admin API. */
	private static final int DISCONNECTS_KEPT = 1000;

	/** Of those, the most one client address may hold: one script cannot flush out the others. */
	private static final int DISCONNECTS_PER_ADDRESS = 100;

	private final ChatLimits limits;

	private final ChatMetrics metrics;

	private final Clock clock;

	private final LongSupplier nanoTime;

	private final Cluster cluster;

	private final Instant startedAt;

	private final Connections connections;

	private final NameRegistry names;

	private final Members members = new Members();

	private final DisconnectLog disconnects = new DisconnectLog(DISCONNECTS_KEPT, DISCONNECTS_PER_ADDRESS);

	private final BanEnforcement bans;

	private final Delivery delivery;

	private final Presence presence;

	private final Handshake handshake;

	private final ChatLines lines;

	private final Renames renames;

	private final ClusterInbox inbox;

	private final Departures departures;

	private final Admission admission;

	private final LineBudgets budgets;

	public ChatRoom(ChatLimits limits, ChatMetrics metrics, Cluster cluster, Clock clock, LongSupplier nanoTime) {
		this.limits = limits;
		this.metrics = metrics;
		this.cluster = cluster;
		this.clock = clock;
		this.nanoTime = nanoTime;
		this.startedAt = clock.instant();
		this.connections = new Connections(limits);
		this.names = new NameRegistry(cluster);
		this.bans = new BanEnforcement(this, new Bans(clock), cluster);
		this.delivery = new Delivery(this.members, cluster, metrics,
				(slow) -> disconnect(slow, DisconnectReason.SLOW_CONSUMER, null, false));
		this.presence = new Presence(this.members, cluster, this.delivery, limits.quietAbove());
		this.departures = new Departures(this.names, this.members, this.presence, cluster);
		this.admission = new Admission(this.departures, this.bans, this.connections, limits.connectionRate(), metrics);
		this.budgets = new LineBudgets(limits);
		this.handshake = new Handshake(this, this.names, this.members, this.presence, this.delivery, cluster, limits,
				this.budgets, nanoTime);
		this.lines = new ChatLines(new Commands(this), this.delivery, metrics, clock, nanoTime);
		this.renames = new Renames(this, this.names, this.delivery, this.presence, cluster);
		this.inbox = new ClusterInbox(this, this.delivery, this.presence, this.renames, metrics, this.disconnects, clock);
	}

	/** A standalone room on the system clock. */
	public ChatRoom(ChatLimits limits, ChatMetrics metrics) {
		this(limits, metrics, Cluster.STANDALONE, Clock.systemUTC(), System::nanoTime);
	}

	public ChatLimits limits() {
		return this.limits;
	}

	// ---- transport events ----

	/**
	 * A client connected: send the prompt, or refuse it when the server is full or stopping.
	 * @return the new session, or null when the connection was refused
	 */
	public Session connected(ClientConnection connection) {
		this.metrics.connectionOpened();
		ClientAddress address = ClientAddress.of(connection.remoteHost());
		long now = this.nanoTime.getAsLong();
		Admission.Refusal refusal = this.admission.refusal(connection, address, now);
		if (refusal != null) {
			connection.closeAfter(refusal.lastLine());
			this.metrics.connectionClosed(refusal.reason());
			Instant at = this.clock.instant();
			this.disconnects.add(new DisconnectRecord(null, connection.remoteAddress(), at, at, refusal.reason().tag(),
					refusal.detail()));
			return null;
		}
		Session session = new Session(connection, address, this.clock.instant(), now);
		this.connections.add(session);
		connection.offer(Replies.PROMPT);
		return session;
	}

	/**
	 * A connection that failed before it could be {@link #connected} (a trusted proxy's connection
	 * without a usable PROXY header): counted and logged as opened and closed for {@code error}.
	 */
	public void failedBeforeConnect(ClientConnection connection, String detail) {
		this.metrics.connectionOpened();
		this.metrics.connectionClosed(DisconnectReason.ERROR);
		Instant now = this.clock.instant();
		this.disconnects.add(new DisconnectRecord(null, connection.remoteAddress(), now, now,
				DisconnectReason.ERROR.tag(), detail));
	}

	/** One line from the client, without its LF (and without a CR before it). */
	public void lineReceived(Session session, byte[] line) {
		if (session.isClosing()) {
			return; // what followed in the same read as the line that ended the session
		}
		long start = this.nanoTime.getAsLong();
		session.touched(start, this.clock.millis(), line.length + 1);
		this.metrics.lineReceived(line.length + 1);
		switch (session.state()) {
			case HANDSHAKE -> this.handshake.nameReceived(session, line);
			case CHATTING -> this.lines.received(session, line, start);
			case CLOSED -> {
			}
		}
	}

	/**
	 * Whether this session's next line is worth handling at all: a question without side effects,
	 * asked by the transport before it cuts the line out. A user over the rate limit loses the line
	 * there, before it is copied or decoded, so a flood costs the server a counter per line.
	 */
	public boolean admits(Session session) {
		return this.lines.admits(session);
	}

	/**
	 * Lines of a user over the rate limit that the transport dropped after {@link #admits} said no,
	 * {@code bytes} with their LFs: counted, and the user told to slow down (once a second at most).
	 */
	public void dropped(Session session, int lines, long bytes) {
		this.lines.dropped(session, lines, bytes);
	}

	/** Handling a line of this session failed inside the server: the line is lost, the user told. */
	public void lineFailed(Session session) {
		this.metrics.messageDropped(DropReason.ERROR);
		deliver(session, Replies.error("the server failed to handle your last line"));
	}

	/** The client sent a line over the limit; the transport closes the connection after this. */
	public void lineTooLong(Session session) {
		this.metrics.messageDropped(DropReason.LINE_TOO_LONG);
		disconnect(session, DisconnectReason.LINE_TOO_LONG, null, Replies.lineTooLong(this.limits.maxLineLength()));
	}

	/**
	 * The client broke the transport's protocol (a failed TLS handshake, a corrupt record): the
	 * connection is about to close, and counts as closed for {@code error}, not by the client.
	 */
	public void protocolFailed(Session session, String detail) {
		session.closing(DisconnectReason.ERROR, detail);
	}

	/**
	 * The transport closes the connection for a reason of its own (a TLS handshake refused or not
	 * finished in time): it counts as closed for that reason, not by the client.
	 */
	public void transportClosing(Session session, DisconnectReason reason, String detail) {
		session.closing(reason, detail);
	}

	/** The connection is closed, whoever closed it. Safe to call more than once. */
	public void disconnected(Session session) {
		if (this.connections.remove(session)) {
			session.closing(DisconnectReason.CLIENT, null);
			this.departures.leave(session);
			session.moveTo(Session.State.HANDSHAKE, Session.State.CLOSED);
			long now = this.nanoTime.getAsLong();
			this.budgets.closed(session.address(), session.rateLimiter, now);
			this.admission.closed(session.address(), session.connectedNanos(), now);
			this.metrics.connectionClosed(session.closeReason());
			this.disconnects.add(new DisconnectRecord(session.name(), session.connection().remoteAddress(),
					session.connectedAt(), this.clock.instant(), session.closeReason().tag(), session.closeDetail()));
		}
	}

	/**
	 * Closes connections past the handshake or idle timeout and clients that stopped reading, and
	 * forgets refilled per-address buckets. Call it about once a second.
	 */
	public void sweepTimeouts() {
		long now = this.nanoTime.getAsLong();
		this.admission.forgetFull(now);
		this.budgets.forgetFull(now);
		long handshakeLimit = this.limits.handshakeTimeout().toNanos();
		long idleLimit = this.limits.idleTimeout().toNanos();
		for (Session session : this.connections.all()) {
			if (session.state() == Session.State.HANDSHAKE && now - session.connectedNanos() >= handshakeLimit) {
				disconnect(session, DisconnectReason.HANDSHAKE_TIMEOUT, null, Replies.error("timed out waiting for a name"));
			}
			else if (idleLimit > 0 && session.isChatting() && now - session.lastActivityNanos() >= idleLimit) {
				disconnect(session, DisconnectReason.IDLE, null, Replies.error("disconnected after being idle"));
			}
			else if (session.connection().stalled()) {
				this.metrics.messageDropped(DropReason.SLOW_CONSUMER);
				disconnect(session, DisconnectReason.SLOW_CONSUMER, null, false);
			}
		}
	}

	// ---- used by the commands and the bans ----

	void broadcast(byte[] line, Session except) {
		this.delivery.broadcast(line, except);
	}

	boolean deliver(Session recipient, byte[] line) {
		return this.delivery.deliver(recipient, line);
	}

	void sendPrivate(Session recipient, byte[] line) {
		this.delivery.sendPrivate(recipient, line);
	}

	/** Sends a private line to a user of another replica. @return false when nobody has that name */
	boolean sendPrivateElsewhere(String name, byte[] line) {
		return this.cluster.sendPrivate(name, line);
	}

	Session findByName(String name) {
		return this.names.find(name);
	}

	/** Claims a new name for a named user. @return null when done, else why not */
	String rename(Session session, String newName) {
		return this.renames.rename(session, newName);
	}

	/** Every open connection, named or still in the handshake. */
	Collection<Session> sessions() {
		return this.connections.all();
	}

	/** See {@link Departures}. */
	void disconnect(Session session, DisconnectReason reason, String detail, boolean flush) {
		this.departures.disconnect(session, reason, detail, flush);
	}

	void disconnect(Session session, DisconnectReason reason, String detail, byte[] lastWords) {
		this.departures.disconnect(session, reason, detail, lastWords);
	}

	// ---- for operators and the cluster ----

	/** Banned names and addresses. */
	public BanEnforcement bans() {
		return this.bans;
	}

	/** The named users of the whole cluster, sorted by name case-insensitively. */
	public List<UserView> users() {
		List<UserView> users = localUsers();
		users.addAll(this.cluster.remoteUsers());
		users.sort(Comparator.comparing(UserView::name, BY_NAME));
		return users;
	}

	/** The first {@code limit} names of everybody online, in {@code /who} order, and their count. */
	FirstNames firstNames(int limit) {
		FirstNames names = new FirstNames(limit);
		for (Session session : this.members.snapshot()) {
			names.add(session.name());
		}
		for (UserView remote : this.cluster.remoteUsers()) {
			names.add(remote.name());
		}
		return names;
	}

	public Optional<UserView> user(String name) {
		Session session = findByName(name);
		return (session != null) ? Optional.of(session.view(this.cluster.replicaId())) : this.cluster.remoteUser(name);
	}

	/**
	 * Disconnects a user: they read why, the others see {@code (kicked: reason)}.
	 * @return false when nobody has that name
	 */
	public boolean kick(String name, String reason) {
		return kickHere(name, reason) || this.cluster.kick(name, reason);
	}

	/** Disconnects a user of this replica (asked by an admin here or on another replica). */
	boolean kickHere(String name, String reason) {
		Session session = findByName(name);
		if (session == null) {
			return false;
		}
		String why = (reason == null) ? null : TextSanitizer.removeControls(reason).strip();
		if (why != null && TextSanitizer.isBlank(why)) {
			why = null; // nothing visible: the user and the others both read no reason
		}
		disconnect(session, DisconnectReason.KICKED, why,
				Replies.server("you were disconnected by an administrator" + (why == null ? "" : ": " + why)));
		return true;
	}

	/** What the other replicas bring to this room. */
	public ClusterInbox fromCluster() {
		return this.inbox;
	}

	/** The users of this replica, unsorted (a new list the caller may change). */
	public List<UserView> localUsers() {
		Session[] current = this.members.snapshot();
		List<UserView> users = new ArrayList<>(current.length);
		for (Session session : current) {
			users.add(session.view(this.cluster.replicaId()));
		}
		return users;
	}

	/** Whether an announcement would say nothing once sanitized. */
	public static boolean isBlankAfterSanitizing(String text) {
		return TextSanitizer.isBlank(TextSanitizer.removeControls(text));
	}

	/** Sends {@code [SERVER] <text>} to every named user; the text is sanitized. */
	public void announce(String text) {
		broadcast(Replies.server(TextSanitizer.removeControls(text)), null);
	}

	/** The most recent closed connections, newest first. */
	public List<DisconnectRecord> recentDisconnects() {
		return this.disconnects.newestFirst();
	}

	/** Counts; {@code usersOnline} is the whole cluster's. */
	public RoomStats stats() {
		return new RoomStats(this.presence.online(), this.connections.reserved(), this.lines.messagesIn(),
				this.delivery.deliveredCount(), this.startedAt);
	}

	/** Named users of this replica (the stats count the whole cluster). */
	public int localUserCount() {
		return this.members.size();
	}

	public boolean isShuttingDown() {
		return this.departures.isShuttingDown();
	}

	/** Client addresses whose connection rate or shared send budget is remembered (see {@link ConnectionRate}). */
	public int trackedAddresses() {
		return this.admission.tracked() + this.budgets.tracked();
	}

	/** Connections still open, named or not. */
	public int openConnections() {
		return this.connections.size();
	}

	/** Accepts connections again after {@link #shutdown()} (a stopped context can be restarted). */
	public void resume() {
		this.departures.shuttingDown(false);
	}

	/** Waits until every connection is closed, for at most {@code timeout}. */
	public void awaitAllClosed(Duration timeout) {
		this.connections.awaitAllClosed(timeout);
	}

	/** Refuses new connections, tells everybody, and closes every connection after its queue is written. */
	public void shutdown() {
		this.departures.shuttingDown(true);
		for (Session session : this.connections.all()) {
			disconnect(session, DisconnectReason.SHUTDOWN, null, Replies.SHUTTING_DOWN);
		}
	}

}
