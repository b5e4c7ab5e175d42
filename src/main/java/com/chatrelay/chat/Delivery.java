package com.chatrelay.chat;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Queues lines to recipients: to everybody here (and, through the cluster, on the other replicas),
 * or to one user. A recipient whose queue is full is handed to {@code slowConsumer}, which drops it.
 * Thread-safe; relaying a line takes no lock (see {@link Members}).
 */
final class Delivery {

	private final Members members;

	private final Cluster cluster;

	private final ChatMetrics metrics;

	private final Consumer<Session> slowConsumer;

	private final LongAdder delivered = new LongAdder();

	Delivery(Members members, Cluster cluster, ChatMetrics metrics, Consumer<Session> slowConsumer) {
		this.members = members;
		this.cluster = cluster;
		this.metrics = metrics;
		this.slowConsumer = slowConsumer;
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
		this.slowConsumer.accept(recipient);
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
