package com.chatrelay.tcp;

import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * What the selector thread owes between two selects, besides reading: the connections it queued
 * lines to (written at the end of the round, many lines per system call, as Redis writes before
 * it sleeps), and the one read buffer all connections share.
 * <p>
 * Lines queued by any other thread (admin calls, timers, the cluster) go straight to a writer
 * loop. Only the selector thread touches the lists and buffers here.
 */
final class SelectorRound {

	/** Bytes read from one socket per readiness: keeps a flooding client from hogging a round. */
	static final int READ_QUANTUM = 16 * 1024;

	/**
	 * How long a client that sends over its rate limit is not read. Its lines past the limit are
	 * dropped either way; pausing means its flood waits in its own socket buffer (and then in its
	 * own process) instead of costing this thread a scan of every byte.
	 */
	static final long OVER_LIMIT_PAUSE_NANOS = 1_000_000_000L;

	/**
	 * Up to this much is added to each pause at random: flooders that started together would
	 * otherwise all be read again in the same round, and relaying their allowed lines at once makes
	 * one long round for everybody.
	 */
	static final long PAUSE_JITTER_NANOS = 500_000_000L;

	/** Connections a round may write to itself; past this the writer loops write them. */
	static final int INLINE_FLUSH_MAX = 8;

	/** Bytes written to one socket per system call, at most. */
	static final int WRITE_CHUNK = 64 * 1024;

	private final SocketWriter writer;

	private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_QUANTUM);

	private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(WRITE_CHUNK);

	private final List<ChatNioConnection> toFlush = new ArrayList<>();

	/** Keys not read for now, by the time they are read again. */
	private final PriorityQueue<PausedRead> paused = new PriorityQueue<>(Comparator.comparingLong(PausedRead::until));

	private final ScheduledExecutorService timer;

	/** TLS connections to read again although their socket may not say so (see {@link #readAgain}). */
	private final ConcurrentLinkedQueue<ChatNioConnection> readAgain = new ConcurrentLinkedQueue<>();

	private volatile Thread selectorThread;

	private volatile Selector selector;

	private final WriteBacklog backlog;

	private final ReadTurns turns;

	SelectorRound(SocketWriter writer, ScheduledExecutorService timer, WriteBacklog backlog) {
		this.writer = writer;
		this.timer = timer;
		this.backlog = backlog;
		this.turns = new ReadTurns(backlog);
	}

	/** Connections waiting for a turn to read. */
	ReadTurns turns() {
		return this.turns;
	}

	/** What the writers owe the sockets that take data. */
	WriteBacklog backlog() {
		return this.backlog;
	}

	/** Called by the factory when its selector thread starts. */
	void runsOn(Thread thread) {
		this.selectorThread = thread;
	}

	/** The selector thread's read buffer. */
	ByteBuffer readBuffer() {
		return this.readBuffer;
	}

	/** A connection's queue went from idle to pending: get it written, soon and without blocking. */
	void flushSoon(ChatNioConnection connection) {
		if (Thread.currentThread() == this.selectorThread) {
			this.toFlush.add(connection);
		}
		else {
			connection.writer().schedule(connection);
		}
	}

	/** Picks the writer loop that serves a new connection's full socket. */
	SocketWriter.Loop assignWriter() {
		return this.writer.assign();
	}

	/** Stops reading a client over its rate limit for a while; the selector is woken to resume it. */
	void pauseReading(SelectionKey key) {
		key.interestOps(0);
		long pause = OVER_LIMIT_PAUSE_NANOS + ThreadLocalRandom.current().nextLong(PAUSE_JITTER_NANOS);
		this.paused.add(new PausedRead(key, System.nanoTime() + pause));
		Selector selector = key.selector();
		this.timer.schedule(selector::wakeup, pause, TimeUnit.NANOSECONDS);
	}

	/** Reads again the clients whose pause is over. */
	void resumeDueReads(Selector selector) {
		this.selector = selector;
		long now = System.nanoTime();
		PausedRead next;
		while ((next = this.paused.peek()) != null && now - next.until() >= 0) {
			this.paused.poll();
			if (!next.key().isValid()) {
				continue;
			}
			ChatNioConnection connection = (ChatNioConnection) next.key().attachment();
			if (connection.holdsInput()) {
				this.turns.hold(next.key()); // the lines it read before the pause come first
				continue;
			}
			next.key().interestOps(SelectionKey.OP_READ);
			if (connection.isTls()) {
				this.readAgain.add(connection); // TLS may hold decrypted lines the socket no longer signals
			}
		}
	}

	/**
	 * Asks for a read of a TLS connection on the next round, from any thread: its last read stopped
	 * at the quantum with decrypted bytes left, or a handshake step finished on the pool.
	 */
	void readAgain(ChatNioConnection connection) {
		this.readAgain.add(connection);
		Selector current = this.selector;
		if (current != null) {
			current.wakeup();
		}
	}

	/** The next connection to read again, or null; selector thread only. */
	ChatNioConnection nextToReadAgain() {
		return this.readAgain.poll();
	}

	private record PausedRead(SelectionKey key, long until) {
	}

	/**
	 * Writes what this round queued. A round that queued to a few connections (a conversation)
	 * writes them at once, on this thread: no hop, the lowest latency. A round that queued to many
	 * (a busy room) hands them to the writer loops, which write while this thread reads on, and
	 * find more lines queued for each connection the busier the room gets: one system call then
	 * carries many lines. Sockets that cannot take it all go to their writer loop either way.
	 */
	void end() {
		List<ChatNioConnection> connections = this.toFlush;
		boolean inline = connections.size() <= INLINE_FLUSH_MAX;
		for (int i = 0; i < connections.size(); i++) {
			ChatNioConnection connection = connections.get(i);
			if (!inline) {
				connection.writer().schedule(connection);
				continue;
			}
			switch (connection.flush(this.writeBuffer)) {
				case MORE, SOCKET_FULL -> connection.writer().schedule(connection);
				default -> {
				}
			}
		}
		connections.clear();
	}

}
