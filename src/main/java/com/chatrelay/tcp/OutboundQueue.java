package com.chatrelay.tcp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.function.LongConsumer;

/**
 * One connection's bytes on their way out: a bounded queue that the LF serializer writes into,
 * emptied by non-blocking writes. Nothing here ever waits for the peer: a full socket leaves the
 * bytes queued, and a queue past its limit refuses the line (the room then drops the reader as a
 * slow consumer).
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
		CLOSED
	}

	/** One-byte arrays for the serializer's terminator (shared, never written to). */
	private static final byte[][] SINGLE_BYTES = new byte[256][];

	static {
		for (int i = 0; i < 256; i++) {
			SINGLE_BYTES[i] = new byte[] { (byte) i };
		}
	}

	private final SocketChannel channel;

	private final long limit;

	private final LongConsumer bytesSent;

	private final Sink sink = new Sink();

	// guarded by this: allocated while there is something to send, so an idle user costs nothing here
	private ArrayDeque<ByteBuffer> segments;

	// written under this; read without it by the admin API
	private volatile long pendingBytes;

	// guarded by this
	private boolean pending;

	// guarded by this
	private boolean closeWhenDrained;

	private volatile boolean closed;

	/** Set for good once a line did not fit: the reader is about to be dropped as a slow consumer. */
	private volatile boolean overflowed;

	OutboundQueue(SocketChannel channel, long limit, LongConsumer bytesSent) {
		this.channel = channel;
		this.limit = limit;
		this.bytesSent = bytesSent;
	}

	/** The serializer's view of the queue: an output stream that keeps references, not copies. */
	@FunctionalInterface
	interface Encoder {

		void encode(OutputStream out) throws IOException;

	}

	/**
	 * Queues what {@code encoder} writes, all or nothing. The arrays it writes are queued by
	 * reference: callers hand over arrays that nobody changes afterwards.
	 * @return true when the queue just went from idle to pending: the caller must get it flushed
	 */
	synchronized boolean append(Encoder encoder) throws IOException {
		if (this.closed || this.closeWhenDrained || this.overflowed) {
			return false;
		}
		if (this.segments == null) {
			this.segments = new ArrayDeque<>(4);
		}
		int before = this.segments.size();
		long added = this.sink.capture(encoder);
		if (this.pendingBytes + added > this.limit) {
			while (this.segments.size() > before) {
				this.segments.pollLast();
			}
			this.overflowed = true;
			return false;
		}
		this.pendingBytes += added;
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
		scratch.clear();
		for (ByteBuffer segment : this.segments) {
			int length = Math.min(segment.remaining(), scratch.remaining());
			scratch.put(segment.array(), segment.arrayOffset() + segment.position(), length);
			if (!scratch.hasRemaining()) {
				break;
			}
		}
		scratch.flip();
		int wanted = scratch.remaining();
		int written;
		try {
			written = this.channel.write(scratch);
		}
		catch (IOException ex) {
			discard();
			return FlushResult.CLOSED;
		}
		consume(written);
		if (written > 0) {
			this.bytesSent.accept(written);
		}
		if (this.segments.isEmpty()) {
			this.pending = false;
			this.segments = null;
			notifyAll();
			return this.closeWhenDrained ? FlushResult.DRAINED_CLOSE : FlushResult.DRAINED;
		}
		return (written < wanted) ? FlushResult.SOCKET_FULL : FlushResult.MORE;
	}

	// called with the lock held
	private void consume(int written) {
		this.pendingBytes -= written;
		int left = written;
		while (left > 0) {
			ByteBuffer head = this.segments.peekFirst();
			int step = Math.min(left, head.remaining());
			head.position(head.position() + step);
			left -= step;
			if (!head.hasRemaining()) {
				this.segments.pollFirst();
			}
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
		this.segments = null;
		this.pendingBytes = 0;
		this.pending = false;
		notifyAll();
	}

	/** Waits, for at most {@code millis}, until this queue is written out or closed. */
	synchronized void awaitDrained(long millis) throws InterruptedException {
		long deadline = System.currentTimeMillis() + millis;
		long left;
		while (this.pending && !this.closed && (left = deadline - System.currentTimeMillis()) > 0) {
			wait(left);
		}
	}

	long pendingBytes() {
		return this.pendingBytes;
	}

	boolean overflowed() {
		return this.overflowed;
	}

	/** Closed or closing: what is offered now is not sent, and that is not an overflow. */
	boolean isClosing() {
		return this.closed;
	}

	SocketChannel channel() {
		return this.channel;
	}

	/** Collects what the serializer writes into the queue's segments; used with the lock held. */
	private final class Sink extends OutputStream {

		private long captured;

		long capture(Encoder encoder) throws IOException {
			this.captured = 0;
			encoder.encode(this);
			return this.captured;
		}

		@Override
		public void write(int b) {
			add(SINGLE_BYTES[b & 0xff], 0, 1);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) {
			if (length > 0) {
				add(bytes, offset, length);
			}
		}

		private void add(byte[] bytes, int offset, int length) {
			// a view, not a copy: one line's array is shared by all its readers' queues
			OutboundQueue.this.segments.addLast(ByteBuffer.wrap(bytes, offset, length).slice());
			this.captured += length;
		}

	}

}
