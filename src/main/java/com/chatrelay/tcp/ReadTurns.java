package com.chatrelay.tcp;

import java.nio.channels.SelectionKey;
import java.util.ArrayDeque;
import java.util.function.BiConsumer;
import java.util.concurrent.locks.LockSupport;

/**
 * Fair reading when senders ask more of the relay than it can deliver at once: every connection
 * hands on at most {@link #LINES_PER_TURN} lines per turn, a round of turns lasts at most
 * {@link #ROUND_NANOS}, and a connection that had more waits for its next turn, not read meanwhile
 * (its flood waits in its own socket). A user who sends little is read as soon as it speaks, so it
 * never waits behind more than one round of the heavy senders' lines; heavy senders are read more
 * slowly, and nothing is lost.
 * <p>
 * A connection whose last turn ended with lines left over is heavy: when its socket is ready it
 * queues for a turn here instead of being read with the light ones, until a turn finds it has no
 * more than a turn's worth. Two queues, served in this order: connections that were ready but not
 * read because the light part of the round ran long (they have not had a turn yet), then heavy
 * ones. Before the heavy turns, while the writers' backlog is high, a round waits a little for
 * them and skips the heavy turns if they are still behind, so a burst stays in the senders'
 * sockets instead of in every reader's queue.
 * <p>
 * Selector thread only. A connection in either queue has no read interest on its key.
 */
final class ReadTurns {

	/** Lines one connection hands on per turn: a round of 300 flooders is then 1,200 lines, not 12,000. */
	static final int LINES_PER_TURN = 4;

	/** The longest the heavy turns of a round read before the selector looks at new readiness again. */
	static final long ROUND_NANOS = 5_000_000;

	/** The longest the light part of a round reads; the connections it had no time for go first next round. */
	static final long LIGHT_ROUND_NANOS = 50_000_000;

	/** The longest a round waits for the writers to work off their backlog before it reads on. */
	static final long WRITER_WAIT_NANOS = 20_000_000;

	private static final long WRITER_POLL_NANOS = 200_000;

	private final WriteBacklog backlog;

	private final ArrayDeque<SelectionKey> notYetRead = new ArrayDeque<>();

	private final ArrayDeque<SelectionKey> holding = new ArrayDeque<>();

	ReadTurns(WriteBacklog backlog) {
		this.backlog = backlog;
	}

	/** A ready connection the round had no time for: read it first next round. */
	void defer(SelectionKey key) {
		key.interestOps(0);
		this.notYetRead.add(key);
	}

	/** A connection holding lines it read: it gets another turn after those waiting before it. */
	void hold(SelectionKey key) {
		key.interestOps(0);
		this.holding.add(key);
	}

	boolean isEmpty() {
		return this.notYetRead.isEmpty() && this.holding.isEmpty();
	}

	/**
	 * Gives the waiting connections one turn each, oldest first, until the round's time is up.
	 * @param turn reads one connection and files it again (here, or back to the selector)
	 */
	void run(BiConsumer<SelectionKey, ChatNioConnection> turn) {
		if (isEmpty()) {
			return;
		}
		int late = this.notYetRead.size();
		for (int i = 0; i < late; i++) {
			take(this.notYetRead, turn);
		}
		if (this.holding.isEmpty() || !awaitWriters()) {
			return; // the writers are still behind: the heavy senders wait in their sockets
		}
		long start = System.nanoTime();
		int turns = this.holding.size();
		for (int i = 0; i < turns && System.nanoTime() - start < ROUND_NANOS; i++) {
			take(this.holding, turn);
		}
	}

	private static void take(ArrayDeque<SelectionKey> queue, BiConsumer<SelectionKey, ChatNioConnection> turn) {
		SelectionKey key = queue.poll();
		if (key.isValid() && key.attachment() instanceof ChatNioConnection connection) {
			turn.accept(key, connection);
		}
	}

	/**
	 * Round start: a little time for the writers when they owe much, never more than a bound.
	 * @return whether they caught up
	 */
	private boolean awaitWriters() {
		long start = System.nanoTime();
		while (this.backlog.isHigh()) {
			if (System.nanoTime() - start >= WRITER_WAIT_NANOS) {
				return false;
			}
			LockSupport.parkNanos(WRITER_POLL_NANOS);
		}
		return true;
	}

}
