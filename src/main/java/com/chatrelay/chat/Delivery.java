package com.chatrelay.chat;

import java.util.concurrent.atomic.LongAdder;

/**
 * Queues lines to recipients: to everybody here (and, through the cluster, on the other replicas),
 * or to one user. A recipient whose queue is full is dropped through {@link Departures}.
 * Thread-safe; relaying a line takes no lock (see {@link Members}).
 */
final class Delivery {

	private final Members members;

	private final Cluster cluster;

	private final ChatMetrics metrics;

	/** Set once by {@link ChatAssembly}, before any line: see {@link #dropsSlowConsumersThrough}. */
	private Departures departures;

	private final LongAdder delivered = new LongAdder();

	Delivery(Members members, Cluster cluster, ChatMetrics metrics) {
		this.members = members;
		this.cluster = cluster;
		this.metrics = metrics;
	}

	/**
	 * The one cycle of the chat's parts, closed once at assembly: a full queue ends its session,
	 * and ending a session tells the others through this delivery.
	 */
	void dropsSlowConsumersThrough(Departures departures) {
		if (this.departures != null) {
			throw new IllegalStateException("slow consumers are dropped through one Departures");
		}
		this.departures = departures;
	}

	/** Sends a line to everybody named but {@code except} (which may be null), here and on the other replicas. */
	void broadcast(byte[] line, Session except) {
		broadcastHere(line, except);
		this.cluster.broadcast(line);
	}

	/** Sends a line to everybody named on this replica but {@code except} (which may be null). */
	void broadcastHere(byte[] line, Session except) {
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
		counted(sent);
	}

	/** Counts lines queued to others by a part that chose the recipients itself (the rooms). */
	void counted(int sent) {
		if (sent > 0) {
			this.delivered.add(sent);
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
		this.departures.dropSlowConsumer(recipient);
		return false;
	}

	/** Sends a private line, counted as a delivery. */
	void sendPrivate(Session recipient, byte[] line) {
		recipient.awaitWelcome();
		if (deliver(recipient, line)) {
			this.delivered.increment();
			this.metrics.delivered(1);
		}
	}

	/** Lines queued to recipients so far. */
	long deliveredCount() {
		return this.delivered.sum();
	}

}
