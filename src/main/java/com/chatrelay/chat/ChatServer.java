package com.chatrelay.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * The chat service of this server, as the transport and the operators see it: the transport calls
 * {@link #connected}, {@link #lineReceived} and {@link #disconnected}; admin features and the
 * cluster call the public query and control methods. Plain Java. It only routes: the parts are
 * built by {@link ChatAssembly} and each does one job: {@link SessionLifecycle} (connect, timeouts,
 * close), {@link Handshake} (names, joins), {@link ChatLines} (rate limit, commands, relaying),
 * {@link Departures} (ending sessions, kicks), {@link Delivery} (queues to recipients),
 * {@link Presence} (notices, counts), {@link Roster} (who is online), {@link ClusterInbox} (what
 * other replicas bring), {@link Rooms} and the room parts beside it (SPEC §9).
 * <p>
 * Threads: lines of one session arrive one at a time, different sessions concurrently. Names live
 * in {@link NameRegistry}, recipients in {@link Members} (relaying a line takes no lock there).
 */
public final class ChatServer {

	/** The parts, each doing one job; this class only routes to them. */
	private final ChatAssembly parts;

	private final Instant startedAt;

	public ChatServer(ChatLimits limits, RoomSettings rooms, ChatMetrics metrics, Cluster cluster, Clock clock,
			LongSupplier nanoTime) {
		this(new ChatAssembly(limits, rooms, metrics, cluster, clock, nanoTime));
	}

	/** With the rooms' default settings. */
	public ChatServer(ChatLimits limits, ChatMetrics metrics, Cluster cluster, Clock clock, LongSupplier nanoTime) {
		this(limits, RoomSettings.defaults(), metrics, cluster, clock, nanoTime);
	}

	/** A standalone server on the system clock. */
	public ChatServer(ChatLimits limits, ChatMetrics metrics) {
		this(limits, metrics, Cluster.STANDALONE, Clock.systemUTC(), System::nanoTime);
	}

	private ChatServer(ChatAssembly parts) {
		this.parts = parts;
		this.startedAt = parts.clock.instant();
	}

	public ChatLimits limits() {
		return this.parts.limits;
	}

	// ---- transport events ----

	/**
	 * A client connected: send the prompt, or refuse it when the server is full or stopping.
	 * @return the new session, or null when the connection was refused
	 */
	public Session connected(ClientConnection connection) {
		return this.parts.sessions.connected(connection);
	}

	/**
	 * A connection that failed before it could be {@link #connected} (a trusted proxy's connection
	 * without a usable PROXY header): counted and logged as opened and closed for {@code error}.
	 */
	public void failedBeforeConnect(ClientConnection connection, String detail) {
		this.parts.sessions.failedBeforeConnect(connection, detail);
	}

	/** One line from the client, without its LF (and without a CR before it). */
	public void lineReceived(Session session, byte[] line) {
		if (session.isClosing()) {
			return; // what followed in the same read as the line that ended the session
		}
		long start = this.parts.nanoTime.getAsLong();
		session.touched(start, this.parts.clock.millis(), line.length + 1);
		this.parts.metrics.lineReceived(line.length + 1);
		switch (session.state()) {
			case HANDSHAKE -> this.parts.handshake.nameReceived(session, line);
			case CHATTING -> this.parts.lines.received(session, line, start);
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
		return this.parts.lines.admits(session);
	}

	/**
	 * Lines of a user over the rate limit that the transport dropped after {@link #admits} said no,
	 * {@code bytes} with their LFs: counted, and the user told to slow down (once a second at most).
	 */
	public void dropped(Session session, int lines, long bytes) {
		this.parts.lines.dropped(session, lines, bytes);
	}

	/** Handling a line of this session failed inside the server: the line is lost, the user told. */
	public void lineFailed(Session session) {
		this.parts.metrics.messageDropped(DropReason.ERROR);
		this.parts.delivery.deliver(session, Replies.error("the server failed to handle your last line"));
	}

	/** The client sent a line over the limit; the transport closes the connection after this. */
	public void lineTooLong(Session session) {
		this.parts.metrics.messageDropped(DropReason.LINE_TOO_LONG);
		this.parts.departures.disconnect(session, DisconnectReason.LINE_TOO_LONG, null,
				Replies.lineTooLong(this.parts.limits.maxLineLength()));
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
		this.parts.sessions.disconnected(session);
	}

	/**
	 * Closes connections past the handshake or idle timeout and clients that stopped reading, and
	 * forgets refilled per-address buckets. Call it about once a second.
	 */
	public void sweepTimeouts() {
		this.parts.sessions.sweepTimeouts();
	}

	/** Every open connection, named or still in the handshake. */
	Collection<Session> sessions() {
		return this.parts.openSessions.all();
	}

	// ---- for operators and the cluster ----

	/** Banned names and addresses. */
	public BanEnforcement bans() {
		return this.parts.bans;
	}

	/** The named users of the whole cluster, sorted by name case-insensitively. */
	public List<UserView> users() {
		return this.parts.roster.users();
	}

	public Optional<UserView> user(String name) {
		return this.parts.roster.user(name);
	}

	/**
	 * Disconnects a user: they read why, the others see {@code (kicked: reason)}.
	 * @return false when nobody has that name
	 */
	public boolean kick(String name, String reason) {
		return this.parts.departures.kick(name, reason) || this.parts.cluster.kick(name, reason);
	}

	/** What the other replicas bring to this room. */
	public ClusterInbox fromCluster() {
		return this.parts.inbox;
	}

	/** The users of this replica, unsorted (a new list the caller may change). */
	public List<UserView> localUsers() {
		return this.parts.roster.localUsers();
	}

	/** Whether an announcement would say nothing once sanitized. */
	public static boolean isBlankAfterSanitizing(String text) {
		return TextSanitizer.isBlank(TextSanitizer.removeControls(text));
	}

	/** Sends {@code [SERVER] <text>} to every named user; the text is sanitized. */
	public void announce(String text) {
		this.parts.delivery.broadcast(Replies.server(TextSanitizer.removeControls(text)), null);
	}

	// ---- rooms (SPEC §9) ----

	public RoomSettings roomSettings() {
		return this.parts.roomSettings;
	}

	/** Every room, sorted by name ignoring case ({@code GET /api/rooms}; no {@code users}). */
	public List<RoomView> rooms() {
		return this.parts.listing.views();
	}

	/**
	 * One room with its members sorted ({@code GET /api/rooms/{room}}).
	 * @param room its name without the {@code #} (with it is accepted too), looked up like a user name
	 * @return empty when there is no such room or it is no room name
	 */
	public Optional<RoomView> room(String room) {
		RoomName name = roomName(room);
		return (name == null) ? Optional.empty() : this.parts.listing.view(name);
	}

	/**
	 * An administrator closes a room: its members leave it and read
	 * {@code [SERVER] #room was closed by an administrator: <reason>} (reason sanitized; null or blank for none).
	 * @param room as for {@link #room}
	 */
	public RoomCloseOutcome closeRoom(String room, @Nullable String reason) {
		RoomName name = roomName(room);
		return (name == null) ? RoomCloseOutcome.NO_SUCH_ROOM : this.parts.roomAdmin.close(name, reason);
	}

	/**
	 * Sends {@code [SERVER] <text>} (sanitized) to a room's members, prefixed with the room for those
	 * whose active room it is not. @param room as for {@link #room} @return false when there is no such room
	 */
	public boolean announce(String room, String text) {
		RoomName name = roomName(room);
		return name != null && this.parts.roomAdmin.announce(name, text);
	}

	/** Rooms with at least one member on this replica (the gauge {@code chat_rooms}). */
	public int occupiedRooms() {
		return this.parts.rooms.occupiedHere();
	}

	private static @Nullable RoomName roomName(String room) {
		return room.startsWith("#") ? RoomName.parse(room) : RoomName.ofBare(room);
	}

	/** The most recent closed connections, newest first. */
	public List<DisconnectRecord> recentDisconnects() {
		return this.parts.disconnects.newestFirst();
	}

	/** Counts; {@code usersOnline} is the whole cluster's. */
	public RoomStats stats() {
		return new RoomStats(this.parts.presence.online(), this.parts.openSessions.reserved(), this.parts.lines.messagesIn(),
				this.parts.delivery.deliveredCount(), this.startedAt);
	}

	/** Named users of this replica (the stats count the whole cluster). */
	public int localUserCount() {
		return this.parts.members.size();
	}

	public boolean isShuttingDown() {
		return this.parts.departures.isShuttingDown();
	}

	/** Client addresses whose connection rate or shared send budget is remembered (see {@link ConnectionRate}). */
	public int trackedAddresses() {
		return this.parts.admission.tracked() + this.parts.budgets.tracked();
	}

	/** Connections still open, named or not. */
	public int openConnections() {
		return this.parts.openSessions.size();
	}

	/** Accepts connections again after {@link #shutdown()} (a stopped context can be restarted). */
	public void resume() {
		this.parts.sessions.resume();
	}

	/** Waits until every connection is closed, for at most {@code timeout}. */
	public void awaitAllClosed(Duration timeout) {
		this.parts.openSessions.awaitAllClosed(timeout);
	}

	/** Refuses new connections, tells everybody, and closes every connection after its queue is written. */
	public void shutdown() {
		this.parts.sessions.shutdown();
	}

}
