package com.chatrelay.tcp;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

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

	/** Bytes written to one socket per system call, at most. */
	static final int WRITE_CHUNK = 64 * 1024;

	private final SocketWriter writer;

	private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_QUANTUM);

	private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(WRITE_CHUNK);

	private final List<ChatNioConnection> toFlush = new ArrayList<>();

	private volatile Thread selectorThread;

	SelectorRound(SocketWriter writer) {
		this.writer = writer;
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

	/** Writes what this round queued; sockets that cannot take it all go to their writer loop. */
	void end() {
		List<ChatNioConnection> connections = this.toFlush;
		for (int i = 0; i < connections.size(); i++) {
			ChatNioConnection connection = connections.get(i);
			switch (connection.flush(this.writeBuffer)) {
				case MORE, SOCKET_FULL -> connection.writer().schedule(connection);
				default -> {
				}
			}
		}
		connections.clear();
	}

}
