package com.chatrelay.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The one chat room: who is connected, the handshake, relaying lines to everybody else, join and
 * leave notices, limits. Plain Java: the transport calls {@link #connected}, {@link #lineReceived}
 * and {@link #disconnected}; admin features call the public query and control methods.
 * <p>
 * Threads: lines of one session arrive one at a time, different sessions concurrently. Names live
 * in {@link NameRegistry}, recipients in {@link Members} (relaying a line takes no lock there).
 */
public final class ChatRoom {

	private static final Comparator<String> BY_NAME = String.CASE_INSENSITIVE_ORDER;

	private static final long SLOW_DOWN_NOTICE_INTERVAL = 1_000_000_000L;

	private static final int MAX_NAME_TRIES = 5;

	/** Characters of a kick or ban reason, at most. */
	public static final int MAX_REASON_LENGTH = 200;

	/** Closed connections kept for the admin API. */
	private static final int DISCONNECTS_KEPT = 1000;

	private final ChatLimits limits;

	private final ChatMetrics metrics;

	private final Clock clock;

	private final LongSupplier nanoTime;

	private final Cluster cluster;

	private final Instant startedAt;

	private final Commands commands = new Commands(this);

	private final ConcurrentHashMap<String, Session> connections = new ConcurrentHashMap<>();

	private final AtomicInteger openConnections = new AtomicInteger();

	private final NameRegistry names;

	private final Members members = new Members();

	private final DisconnectLog disconnects = new DisconnectLog(DISCONNECTS_KEPT);

	private final AddressCounts addresses;

	private final BanEnforcement bans;

	private final LongAdder messagesIn = new LongAdder();

	private final LongAdder messagesDelivered = new LongAdder();

	private volatile boolean shuttingDown;

	public ChatRoom(ChatLimits limits, ChatMetrics metrics, Cluster cluster, Clock clock, LongSupplier nanoTime) {
		this.limits = limits;
		this.metrics = metrics;
		this.cluster = cluster;
		this.names = new NameRegistry(cluster);
		this.addresses = new AddressCounts(limits.maxConnectionsPerAddress());
		this.clock = clock;
		this.nanoTime = nanoTime;
		this.startedAt = clock.instant();
		this.bans = new BanEnforcement(this, new Bans(clock));
	}

	public ChatRoom(ChatLimits limits, ChatMetrics metrics, Clock clock, LongSupplier nanoTime) {
		this(limits, metrics, Cluster.STANDALONE, clock, nanoTime);
	}

	public ChatRoom(ChatLimits limits, ChatMetrics metrics, Cluster cluster) {
		this(limits, metrics, cluster, Clock.systemUTC(), System::nanoTime);
	}

	public ChatRoom(ChatLimits limits, ChatMetrics metrics) {
		this(limits, metrics, Cluster.STANDALONE);
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
		if (this.shuttingDown) {
			connection.closeAfter(Replies.SHUTTING_DOWN);
			refused(connection, DisconnectReason.SHUTDOWN);
			return null;
		}
		byte[] banned = this.bans.refusal(connection);
		if (banned != null) {
			connection.closeAfter(banned);
			refused(connection, DisconnectReason.BANNED);
			return null;
		}
		if (this.openConnections.incrementAndGet() > this.limits.maxConnections()) {
			this.openConnections.decrementAndGet();
			connection.closeAfter(Replies.SERVER_FULL);
			refused(connection, DisconnectReason.SERVER_FULL);
			return null;
		}
		if (!this.addresses.tryOpen(connection.remoteHost())) {
			this.openConnections.decrementAndGet();
			connection.closeAfter(Replies.TOO_MANY_FROM_ADDRESS);
			refused(connection, DisconnectReason.TOO_MANY_FROM_ADDRESS);
			return null;
		}
		Session session = new Session(connection, this.clock.instant(), this.nanoTime.getAsLong());
		this.connections.put(connection.id(), session);
		connection.offer(Replies.PROMPT);
		return session;
	}

	private void refused(ClientConnection connection, DisconnectReason reason) {
		this.metrics.connectionClosed(reason);
		Instant now = this.clock.instant();
		this.disconnects.add(new DisconnectRecord(null, connection.remoteAddress(), now, now, reason.tag(), null));
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
			case HANDSHAKE -> handshake(session, line);
			case CHATTING -> chat(session, line, start);
			case CLOSED -> {
			}
		}
	}

	/**
	 * Whether a line of {@code bytes} (its LF included) from this session is worth handling at all.
	 * A user over the rate limit loses it here, before it is decoded, so a flood costs the server
	 * a counter per line. Called by the transport just before {@link #lineReceived}.
	 */
	public boolean admits(Session session, int bytes) {
		RateLimiter limiter = session.rateLimiter;
		if (limiter == null || !session.isChatting()) {
			return true;
		}
		long now = this.nanoTime.getAsLong();
		if (limiter.hasToken(now)) {
			return true;
		}
		session.touched(now, this.clock.millis(), bytes);
		this.metrics.lineReceived(bytes);
		rateLimited(session, now);
		return false;
	}

	/**
	 * More lines of a user over the rate limit, dropped by the transport without asking
	 * {@link #admits} for each (it asks again on its next read).
	 */
	public void dropped(Session session, int lines, long bytes) {
		long now = this.nanoTime.getAsLong();
		session.touched(now, this.clock.millis(), bytes);
		this.metrics.lineReceived(bytes);
		this.metrics.messagesDropped(DropReason.RATE_LIMITED, lines);
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

	/** The connection is closed, whoever closed it. Safe to call more than once. */
	public void disconnected(Session session) {
		if (this.connections.remove(session.connection().id(), session)) {
			this.openConnections.decrementAndGet();
			this.addresses.closed(session.connection().remoteHost());
			session.closing(DisconnectReason.CLIENT, null);
			leave(session);
			session.moveTo(Session.State.HANDSHAKE, Session.State.CLOSED);
			this.metrics.connectionClosed(session.closeReason());
			if (this.connections.isEmpty()) {
				synchronized (this.connections) {
					this.connections.notifyAll();
				}
			}
			this.disconnects.add(new DisconnectRecord(session.name(), session.connection().remoteAddress(),
					session.connectedAt(), this.clock.instant(), session.closeReason().tag(), session.closeDetail()));
		}
	}

	/** Closes connections past the handshake or idle timeout. Call it about once a second. */
	public void sweepTimeouts() {
		long now = this.nanoTime.getAsLong();
		long handshakeLimit = this.limits.handshakeTimeout().toNanos();
		long idleLimit = this.limits.idleTimeout().toNanos();
		for (Session session : this.connections.values()) {
			if (session.state() == Session.State.HANDSHAKE && now - session.connectedNanos() >= handshakeLimit) {
				disconnect(session, DisconnectReason.HANDSHAKE_TIMEOUT, null, Replies.error("timed out waiting for a name"));
			}
			else if (idleLimit > 0 && session.isChatting() && now - session.lastActivityNanos() >= idleLimit) {
				disconnect(session, DisconnectReason.IDLE, null, Replies.error("disconnected after being idle"));
			}
		}
	}

	// ---- handshake and chat ----

	private void handshake(Session session, byte[] line) {
		String name = NameRules.trim(TextSanitizer.decode(line));
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
		join(session, name);
	}

	private void refuseName(Session session, String problem) {
		ClientConnection connection = session.connection();
		connection.offer(Replies.error(problem));
		if (++session.failedNames >= MAX_NAME_TRIES) {
			disconnect(session, DisconnectReason.ERROR, "too many invalid names", Replies.error("too many invalid names"));
		}
		else {
			connection.offer(Replies.PROMPT);
		}
	}

	private void join(Session session, String name) {
		session.name(name);
		if (this.limits.rateLimitEnabled()) {
			session.rateLimiter = new RateLimiter(this.limits.linesPerSecond(), this.limits.burst(),
					this.nanoTime.getAsLong());
		}
		if (session.state() != Session.State.HANDSHAKE) {
			this.names.release(name, session);
			return;
		}
		// the others hear of the join before the new user is welcomed: whoever joins later never sees it
		boolean announced = this.members.size() + 1 < this.limits.quietAbove();
		if (announced) {
			broadcast(Replies.joined(name), session);
		}
		int online;
		// Held while joining, so that a line relayed to the new member waits for its welcome (see Session#awaitWelcome)
		synchronized (session) {
			online = this.members.add(session, () -> session.moveTo(Session.State.HANDSHAKE, Session.State.CHATTING));
			if (online >= 0) {
				deliver(session, Replies.welcome(name, online));
				session.welcomed();
			}
		}
		if (online < 0) {
			// closed while joining: the others were told of the join, so they hear of the leave too
			this.names.release(name, session);
			if (announced && !this.shuttingDown) {
				announceLeave(session, name, this.members.size());
			}
			return;
		}
		this.cluster.joined(session.view(this.cluster.replicaId()));
	}

	private void chat(Session session, byte[] line, long start) {
		String text = TextSanitizer.sanitize(line);
		if (TextSanitizer.isBlank(text)) {
			return;
		}
		if (session.rateLimiter != null && !session.rateLimiter.tryAcquire(start)) {
			rateLimited(session, start);
			return;
		}
		session.countIn();
		this.messagesIn.increment();
		this.metrics.messageReceived();
		if (text.startsWith("//")) {
			relay(session, text.substring(1), start);
		}
		else if (text.startsWith("/")) {
			this.commands.run(session, text);
		}
		else {
			relay(session, text, start);
		}
	}

	private void rateLimited(Session session, long now) {
		this.metrics.messageDropped(DropReason.RATE_LIMITED);
		if (now - session.lastSlowDownNotice >= SLOW_DOWN_NOTICE_INTERVAL || session.lastSlowDownNotice == 0) {
			session.lastSlowDownNotice = now;
			deliver(session, Replies.SLOW_DOWN);
		}
	}

	private void relay(Session sender, String text, long start) {
		broadcast(Replies.chat(sender.name(), text), sender);
		this.metrics.relayLatency(this.nanoTime.getAsLong() - start);
	}

	// ---- used by the commands ----

	/** Sends a line to everybody named but {@code except} (which may be null), here and on the other replicas. */
	void broadcast(byte[] line, Session except) {
		broadcastHere(line, except);
		this.cluster.broadcast(line);
	}

	private void broadcastHere(byte[] line, Session except) {
		Session[] recipients = this.members.snapshot();
		int sent = 0;
		for (Session recipient : recipients) {
			if (recipient != except) {
				recipient.awaitWelcome();
				if (deliver(recipient, line)) {
					sent++;
				}
			}
		}
		if (sent > 0) {
			this.messagesDelivered.add(sent);
			this.metrics.delivered(sent);
		}
	}

	/** Queues a line to one session; a session whose queue is full is dropped as a slow consumer. */
	boolean deliver(Session recipient, byte[] line) {
		if (recipient.connection().offer(line)) {
			recipient.countOut(line.length + 1);
			return true;
		}
		this.metrics.messageDropped(DropReason.SLOW_CONSUMER);
		disconnect(recipient, DisconnectReason.SLOW_CONSUMER, null, false);
		return false;
	}

	/** Sends a private line, counted as a delivery. */
	void sendPrivate(Session recipient, byte[] line) {
		recipient.awaitWelcome();
		if (deliver(recipient, line)) {
			this.messagesDelivered.increment();
			this.metrics.delivered(1);
		}
	}

	Session findByName(String name) {
		return this.names.find(name);
	}

	/** Claims a new name for a named user. @return null when done, else why not */
	String rename(Session session, String newName) {
		String problem = NameRules.problem(newName);
		if (problem != null) {
			return problem;
		}
		String oldName = session.name();
		if (oldName.equals(newName) || this.bans.refusesName(session, newName)) {
			return null; // nothing changes, or the user is gone
		}
		if (!this.names.claim(newName, session)) {
			return "the name " + newName + " is taken";
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
		this.cluster.left(oldName);
		this.cluster.joined(session.view(this.cluster.replicaId()));
		broadcast(Replies.renamed(oldName, newName), null);
		return null;
	}

	List<String> sortedNames() {
		List<String> names = new ArrayList<>();
		for (Session session : this.members.snapshot()) {
			names.add(session.name());
		}
		for (UserView remote : this.cluster.remoteUsers()) {
			names.add(remote.name());
		}
		names.sort(BY_NAME);
		return names;
	}

	/**
	 * Ends a session: records the reason, takes the user out of the room at once (so the name is
	 * free and the leave notice goes out now), then closes the connection.
	 */
	void disconnect(Session session, DisconnectReason reason, String detail, boolean flush) {
		if (!session.closing(reason, detail)) {
			return;
		}
		leave(session);
		if (flush) {
			session.connection().closeAfterFlush();
		}
		else {
			session.connection().closeNow();
		}
	}

	/** Ends a session with a last line to its client, which is the last thing it reads. */
	void disconnect(Session session, DisconnectReason reason, String detail, byte[] lastWords) {
		if (!session.closing(reason, detail)) {
			return;
		}
		leave(session);
		session.connection().closeAfter(lastWords);
	}

	private void leave(Session session) {
		String name;
		synchronized (session) { // against a rename on the reading thread (see #rename)
			if (!session.moveTo(Session.State.CHATTING, Session.State.CLOSED)) {
				return;
			}
			name = session.name();
		}
		int online = this.members.remove(session);
		if (online < 0) {
			return;
		}
		this.names.release(name, session);
		this.cluster.left(name);
		if (!this.shuttingDown) {
			announceLeave(session, name, online);
		}
	}

	/** {@code online}: the members left, who may hear it unless the room is too big for presence notices. */
	private void announceLeave(Session session, String name, int online) {
		if (online + 1 < this.limits.quietAbove()) {
			DisconnectReason reason = session.closeReason();
			broadcast(Replies.left(name, reason.leaveText(session.closeDetail())), session);
		}
	}

	// ---- for operators ----

	/** Banned names and addresses. */
	public BanEnforcement bans() {
		return this.bans;
	}

	/** Every open connection, named or still in the handshake. */
	Collection<Session> sessions() {
		return this.connections.values();
	}

	/** The named users, sorted by name case-insensitively. */
	public List<UserView> users() {
		List<UserView> users = localUsers();
		users.addAll(this.cluster.remoteUsers());
		users.sort(Comparator.comparing(UserView::name, BY_NAME));
		return users;
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
	public boolean kickHere(String name, String reason) {
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

	/** A line another replica relayed to its users: this replica's users get it too. */
	public void relayFromCluster(byte[] line) {
		broadcastHere(line, null);
	}

	/** A private line from a user of another replica. @return false when nobody here has that name */
	public boolean privateFromCluster(String name, byte[] line) {
		Session recipient = findByName(name);
		if (recipient == null) {
			return false;
		}
		sendPrivate(recipient, line);
		return true;
	}

	/** Sends a private line to a user of another replica. @return false when nobody has that name */
	boolean sendPrivateElsewhere(String name, byte[] line) {
		return this.cluster.sendPrivate(name, line);
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

	public RoomStats stats() {
		return new RoomStats(this.members.size(), this.openConnections.get(), this.messagesIn.sum(),
				this.messagesDelivered.sum(), this.startedAt);
	}

	public boolean isShuttingDown() {
		return this.shuttingDown;
	}

	/** Connections still open, named or not. */
	public int openConnections() {
		return this.connections.size();
	}

	/** Accepts connections again after {@link #shutdown()} (a stopped context can be restarted). */
	public void resume() {
		this.shuttingDown = false;
	}

	/** Waits until every connection is closed, for at most {@code timeout}. */
	public void awaitAllClosed(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.connections) {
			long left;
			while (!this.connections.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
				try {
					TimeUnit.NANOSECONDS.timedWait(this.connections, left);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	/** Refuses new connections, tells everybody, and closes every connection after its queue is written. */
	public void shutdown() {
		this.shuttingDown = true;
		for (Session session : this.connections.values()) {
			disconnect(session, DisconnectReason.SHUTDOWN, null, Replies.SHUTTING_DOWN);
		}
	}

}
