package com.chatrelay.tcp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The bytes an {@link OutboundQueue} holds: the serializer writes each line into this stream, which
 * copies it into small chunks (a chat line is tens of bytes: copying it costs less than keeping a
 * reference object per line, and a write then copies a few chunks instead of hundreds of tiny
 * pieces). Nothing is allocated while nothing waits, so an idle user costs nothing here.
 * <p>
 * Not thread-safe: used with the queue's lock held.
 */
final class Chunks extends OutputStream {

	/** What writes into the chunks: the serializer, for one line. */
	@FunctionalInterface
	interface Encoder {

		void encode(OutputStream out) throws IOException;

	}

	/** The first chunk of a queue: a few lines, so that 10,000 idle readers of one line stay small. */
	static final int FIRST_CHUNK = 256;

	/** Chunks grow to this size when a reader falls behind. */
	static final int MAX_CHUNK = 16 * 1024;

	// allocated while there is something to send
	private ArrayDeque<byte[]> chunks;

	// bytes of the first chunk already written
	private int headOffset;

	// bytes used in the last chunk
	private int tailLength;

	// bytes held, not yet consumed
	private long size;

	// the state before the last capture, to undo it
	private int chunksBefore;

	private int tailBefore;

	private long captured;

	/** Bytes held. */
	long size() {
		return this.size;
	}

	/** Appends what {@code encoder} writes. @return how many bytes it wrote */
	long capture(Encoder encoder) throws IOException {
		if (this.chunks == null) {
			this.chunks = new ArrayDeque<>(2);
			this.headOffset = 0;
			this.tailLength = 0;
		}
		this.chunksBefore = this.chunks.size();
		this.tailBefore = this.tailLength;
		this.captured = 0;
		encoder.encode(this);
		this.size += this.captured;
		return this.captured;
	}

	/** Takes back what the last {@link #capture} appended (all or nothing). */
	void undoCapture() {
		while (this.chunks.size() > Math.max(this.chunksBefore, 1)) {
			this.chunks.pollLast();
		}
		this.tailLength = (this.chunksBefore == 0) ? 0 : this.tailBefore;
		if (this.chunksBefore == 0) {
			this.chunks = null;
		}
		this.size -= this.captured;
	}

	/** Copies held bytes, oldest first, into {@code target} until it is full; nothing is consumed. */
	void fill(ByteBuffer target) {
		if (this.chunks == null) {
			return;
		}
		int offset = this.headOffset;
		byte[] last = this.chunks.peekLast();
		for (byte[] chunk : this.chunks) {
			int end = (chunk == last) ? this.tailLength : chunk.length;
			int length = Math.min(end - offset, target.remaining());
			target.put(chunk, offset, length);
			offset = 0;
			if (!target.hasRemaining()) {
				break;
			}
		}
	}

	/** Drops the oldest {@code written} bytes: the socket took them. */
	void consume(int written) {
		this.size -= written;
		int left = written;
		while (left > 0) {
			byte[] head = this.chunks.peekFirst();
			int end = (this.chunks.size() == 1) ? this.tailLength : head.length;
			int step = Math.min(left, end - this.headOffset);
			this.headOffset += step;
			left -= step;
			if (this.headOffset == end && this.chunks.size() > 1) {
				this.chunks.pollFirst();
				this.headOffset = 0;
			}
		}
	}

	/**
	 * Everything was written. An active reader is written to many times a second: its one small
	 * chunk is kept for the next lines rather than allocated again each time. Larger chunks (a
	 * reader that fell behind) go.
	 */
	void drained() {
		if (this.chunks == null) {
			return;
		}
		byte[] last = this.chunks.peekLast();
		if (this.chunks.size() == 1 && last.length == FIRST_CHUNK) {
			this.headOffset = 0;
			this.tailLength = 0;
		}
		else {
			this.chunks = null;
		}
	}

	/** Drops everything. */
	void clear() {
		this.chunks = null;
		this.size = 0;
	}

	@Override
	public void write(int b) {
		byte[] tail = this.chunks.peekLast();
		if (tail == null || this.tailLength == tail.length) {
			tail = newChunk(1);
		}
		tail[this.tailLength++] = (byte) b;
		this.captured++;
	}

	@Override
	public void write(byte[] bytes, int offset, int length) {
		int done = 0;
		while (done < length) {
			byte[] tail = this.chunks.peekLast();
			if (tail == null || this.tailLength == tail.length) {
				tail = newChunk(length - done);
			}
			int step = Math.min(length - done, tail.length - this.tailLength);
			System.arraycopy(bytes, offset + done, tail, this.tailLength, step);
			this.tailLength += step;
			done += step;
		}
		this.captured += length;
	}

	/** A chunk sized to what is held: small for a reader that keeps up, larger for one that does not. */
	private byte[] newChunk(int wanted) {
		long held = this.size + this.captured;
		int size = (int) Math.min(MAX_CHUNK, Math.max(FIRST_CHUNK, Math.max(wanted, held)));
		byte[] chunk = new byte[size];
		this.chunks.addLast(chunk);
		this.tailLength = 0;
		return chunk;
	}

}
