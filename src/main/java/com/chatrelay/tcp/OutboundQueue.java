package com.chatrelay.tcp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.LongConsumer;

/**
 * One connection's bytes on their way out: a bounded queue that the LF serializer writes into (its
 * {@link Chunks} copy each line), emptied by non-blocking writes through its {@link Wire} (the
 * socket, or TLS over it). Nothing here ever waits for the peer: a full socket leaves the bytes
 * queued. A queue refuses a line only when its {@link SlowConsumerRule} says the client does
 * not read (the server then drops the reader as a slow consumer); what the writers have not yet
 * offered to the socket never counts against the client.
 * <p>
 * Lock discipline: every field is guarded by {@code this}, and the non-blocking {@code write}
 * system call is made with the lock held, so a close can never empty the queue between a write
 * and the bookkeeping of what it wrote. Whoever turns the queue from idle to pending (see
 * {@link #append}) owns its flushing until {@link #flush} reports it idle again.
 */
final class OutboundQueue {

	/** What one call to {@link #flush} left behind. */
	enum FlushResult {
		/** Everything was written; nobody owns the queue now. */
		DRAINED,
		/** Everything was written and the connection asked to close once it was. */
		DRAINED_CLOSE,
		/** The socket accepted a whole chunk; more is queued: flush again soon. */
		MORE,
		/** The socket is full: flush again when it is writable. */
		SOCKET_FULL,
		/** Closed, or the socket failed: nothing more will be written. */
		CLOSED,
		/**
		 * Nothing can be written before the peer speaks (a TLS handshake under way): the reading side
		 * takes the flush over once it may go on (see {@link #peerReady}).
		 */
		AWAITING_PEER
	}

	private final Wire wire;

	private final SlowConsumerRule rule;

	private final WriteBacklog backlog;

	private final LongConsumer bytesSent;

	// guarded by this
	private final Chunks chunks = new Chunks();

	// written under this; read without it by the admin API
	private volatile long pendingBytes;

	// guarded by this
	private boolean pending;

	// guarded by this
	private boolean closeWhenDrained;

	/** Guarded by this: the socket did not take all it was last offered (it is full; the client is behind). */
	private boolean refusing;

	/** Guarded by this: when the socket began refusing; the grace runs from here or the last progress, the later. */
	private long refusingSinceNanos = System.nanoTime();

	/** Guarded by this: what this queue adds to the writers' {@link WriteBacklog}. */
	private long owed;

	/** Written under this: a flush found the wire waiting for the peer; its reader owns the flush now. */
	private volatile boolean awaitingPeer;

	private volatile boolean closed;

	/** When the socket last took bytes of this queue (or when the queue was created). */
	private volatile long lastProgressNanos = System.nanoTime();

	/** Set for good once a line did not fit: the reader is about to be dropped as a slow consumer. */
	private volatile boolean overflowed;

	OutboundQueue(Wire wire, SlowConsumerRule rule, WriteBacklog backlog, LongConsumer bytesSent) {
		this.wire = wire;
		this.rule = rule;
		this.backlog = backlog;
		this.bytesSent = bytesSent;
	}

	/**
	 * Queues what {@code encoder} writes, all or nothing.
	 * @return true when the queue just went from idle to pending: the caller must get it flushed
	 */
	synchronized boolean append(Chunks.Encoder encoder) throws IOException {
		if (this.closed || this.closeWhenDrained || this.overflowed) {
			return false;
		}
		long added = this.chunks.capture(encoder);
		long after = this.pendingBytes + added;
		if (after > this.rule.limit() && this.rule.isSlow(after, this.refusing, sinceProgress())) {
			this.chunks.undoCapture();
			this.overflowed = true;
			return false;
		}
		this.pendingBytes += added;
		updateOwed();
		if (this.pending || added == 0) {
			return false;
		}
		this.pending = true;
		return true;
	}

	/**
	 * Writes what is queued, up to one chunk of {@code scratch}, without blocking. Only the owner of
	 * a pending queue calls it, from one thread at a time.
	 */
	synchronized FlushResult flush(ByteBuffer scratch) {
		if (this.closed) {
			return FlushResult.CLOSED;
		}
		if (this.wire.awaitingPeer()) {
			this.awaitingPeer = true;
			updateOwed();
			return FlushResult.AWAITING_PEER;
		}
		scratch.clear();
		this.chunks.fill(scratch);
		scratch.flip();
		int wanted = scratch.remaining();
		int written;
		try {
			written = this.wire.write(scratch);
		}
		catch (IOException ex) {
			discard();
			return FlushResult.CLOSED;
		}
		if (written > 0) {
			this.chunks.consume(written);
			this.pendingBytes -= written;
			this.bytesSent.accept(written);
			this.lastProgressNanos = System.nanoTime();
		}
		boolean wireFull = this.wire.outputPending();
		boolean refused = written < wanted || wireFull;
		if (refused && !this.refusing) {
			this.refusingSinceNanos = System.nanoTime();
		}
		this.refusing = refused;
		updateOwed();
		if (this.pendingBytes == 0 && !wireFull) {
			this.pending = false;
			this.chunks.drained();
			return this.closeWhenDrained ? FlushResult.DRAINED_CLOSE : FlushResult.DRAINED;
		}
		return this.refusing ? FlushResult.SOCKET_FULL : FlushResult.MORE;
	}

	/**
	 * Whether the client stopped reading with more than the limit waiting for it: checked now and
	 * then, since a room that went quiet queues nothing that would find out. Once true, it stays.
	 */
	synchronized boolean stalled() {
		if (!this.overflowed && !this.closed
				&& this.rule.isSlow(this.pendingBytes, this.refusing, sinceProgress())) {
			this.overflowed = true;
		}
		return this.overflowed && !this.closed;
	}

	/**
	 * How long the socket has refused without taking a byte: from the later of its last progress
	 * and the start of the refusal, so that a quiet spell before a burst never counts.
	 */
	// called with the lock held
	private long sinceProgress() {
		return System.nanoTime() - Math.max(this.lastProgressNanos, this.refusingSinceNanos);
	}

	/** Bytes a socket that takes data owes count as the writers' backlog; a refusing one's do not. */
	// called with the lock held
	private void updateOwed() {
		long now = (this.closed || this.refusing || this.awaitingPeer) ? 0 : this.pendingBytes;
		this.backlog.add(now - this.owed);
		this.owed = now;
	}

	/**
	 * The peer spoke and the wire may be written now (a TLS handshake finished).
	 * @return true when a flush was waiting for it: the caller owns the flush and must get it done
	 */
	boolean peerReady() {
		if (!this.awaitingPeer) {
			return false; // the usual case, without the lock
		}
		synchronized (this) {
			boolean waiting = this.awaitingPeer && !this.closed;
			this.awaitingPeer = false;
			updateOwed();
			return waiting;
		}
	}

	/**
	 * Asks for a close once everything queued is written.
	 * @return true when nothing is queued (the caller closes now); otherwise the owner's flush
	 * reports {@link FlushResult#DRAINED_CLOSE} later
	 */
	synchronized boolean closeWhenDrained() {
		this.closeWhenDrained = true;
		return !this.pending && !this.closed;
	}

	/** Drops what is queued; nothing more is accepted or written. */
	synchronized void close() {
		discard();
	}

	// called with the lock held
	private void discard() {
		this.closed = true;
		this.chunks.clear();
		this.pendingBytes = 0;
		this.pending = false;
		updateOwed();
	}

	long pendingBytes() {
		return this.pendingBytes;
	}

	long lastProgressNanos() {
		return this.lastProgressNanos;
	}

	boolean overflowed() {
		return this.overflowed;
	}

	/** Closed or closing: what is offered now is not sent, and that is not an overflow. */
	boolean isClosing() {
		return this.closed;
	}

}
