package com.chatrelay.chat;

import java.time.Clock;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * A session's life on this server, from the transport's events: admitted (or refused) at connect,
 * swept for the handshake and idle timeouts, counted and recorded when its connection is closed,
 * and ended when the server stops. Any thread; one connection's events come one at a time.
 */
final class SessionLifecycle {

	private final ChatLimits limits;

	private final ChatMetrics metrics;

	private final Clock clock;

	private final LongSupplier nanoTime;

	private final OpenSessions openSessions;

	private final Admission admission;

	private final LineBudgets budgets;

	private final Departures departures;

	private final DisconnectLog disconnects;

	SessionLifecycle(ChatLimits limits, ChatMetrics metrics, Clock clock, LongSupplier nanoTime, OpenSessions openSessions,
			Admission admission, LineBudgets budgets, Departures departures, DisconnectLog disconnects) {
		this.limits = limits;
		this.metrics = metrics;
		this.clock = clock;
		this.nanoTime = nanoTime;
		this.openSessions = openSessions;
		this.admission = admission;
		this.budgets = budgets;
		this.departures = departures;
		this.disconnects = disconnects;
	}

	/** See {@link ChatServer#connected}. */
	Session connected(ClientConnection connection) {
		this.metrics.connectionOpened();
		ClientAddress address = ClientAddress.of(connection.remoteHost());
		long now = this.nanoTime.getAsLong();
		Admission.Refusal refusal = this.admission.refusal(connection, address, now);
		if (refusal != null) {
			connection.closeAfter(refusal.lastLine());
			this.metrics.connectionClosed(refusal.reason());
			recordUnnamed(connection, refusal.reason(), refusal.detail());
			return null;
		}
		Session session = new Session(connection, address, this.clock.instant(), now);
		this.openSessions.add(session);
		connection.offer(Replies.PROMPT);
		return session;
	}

	/** See {@link ChatServer#failedBeforeConnect}. */
	void failedBeforeConnect(ClientConnection connection, String detail) {
		this.metrics.connectionOpened();
		this.metrics.connectionClosed(DisconnectReason.ERROR);
		recordUnnamed(connection, DisconnectReason.ERROR, detail);
	}

	private void recordUnnamed(ClientConnection connection, DisconnectReason reason, String detail) {
		Instant at = this.clock.instant();
		this.disconnects.add(new DisconnectRecord(null, connection.remoteAddress(), at, at, reason.tag(), detail));
	}

	/** See {@link ChatServer#disconnected}. */
	void disconnected(Session session) {
		if (this.openSessions.remove(session)) {
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

	/** See {@link ChatServer#sweepTimeouts}. */
	void sweepTimeouts() {
		long now = this.nanoTime.getAsLong();
		this.admission.forgetFull(now);
		this.budgets.forgetFull(now);
		long handshakeLimit = this.limits.handshakeTimeout().toNanos();
		long idleLimit = this.limits.idleTimeout().toNanos();
		for (Session session : this.openSessions.all()) {
			if (session.state() == Session.State.HANDSHAKE && now - session.connectedNanos() >= handshakeLimit) {
				this.departures.disconnect(session, DisconnectReason.HANDSHAKE_TIMEOUT, null,
						Replies.error("timed out waiting for a name"));
			}
			else if (idleLimit > 0 && session.isChatting() && now - session.lastActivityNanos() >= idleLimit) {
				this.departures.disconnect(session, DisconnectReason.IDLE, null, Replies.error("disconnected after being idle"));
			}
			else if (session.connection().stalled()) {
				this.metrics.messageDropped(DropReason.SLOW_CONSUMER);
				this.departures.dropSlowConsumer(session);
			}
		}
	}

	/** See {@link ChatServer#shutdown}. */
	void shutdown() {
		this.departures.shuttingDown(true);
		for (Session session : this.openSessions.all()) {
			this.departures.disconnect(session, DisconnectReason.SHUTDOWN, null, Replies.SHUTTING_DOWN);
		}
	}

	/** See {@link ChatServer#resume}. */
	void resume() {
		this.departures.shuttingDown(false);
	}

}
