package com.chatrelay.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import org.springframework.core.serializer.Deserializer;

/**
 * Cuts one connection's bytes into lines on the thread that read them, with Spring Integration's
 * LF deserializer, and keeps a partial line for the next read. Nothing ever waits for the rest of
 * a line: a client that sends half a line and stalls costs its bytes, not a thread. A line longer
 * than the limit is reported before its end arrives, and nothing of it is kept.
 * <p>
 * A read may carry more lines than one turn hands on (a flooder's 16 KB): the bytes after the
 * turn's last line are held, unread by the room, for the connection's next turn (see {@link ReadTurns}).
 * <p>
 * Not thread-safe: only the selector thread frames.
 */
final class LineFramer {

	/** Where framed lines go. */
	interface Lines {

		/** Whether the next line, {@code length} bytes with its LF, is worth decoding at all. */
		boolean wanted(int length);

		void line(byte[] line);

		/** A line passed the limit; nothing more is framed. */
		void tooLong();

	}

	/** A partial line kept above this size is released once its line is complete. */
	private static final int KEPT_CARRY = 256;

	private final Deserializer<byte[]> deserializer;

	private final int maxLineLength;

	private final Window window = new Window();

	private byte[] carry;

	private int carryLength;

	private boolean stopped;

	/** Bytes read but not yet framed, kept for the next turn: {@code held[heldStart, heldEnd)}. */
	private byte[] held;

	private int heldStart;

	private int heldEnd;

	/**
	 * @param deserializer the LF deserializer, allowing at least {@code maxLineLength + 1} bytes
	 * @param maxLineLength bytes before the LF (a CR counts)
	 */
	LineFramer(Deserializer<byte[]> deserializer, int maxLineLength) {
		this.deserializer = deserializer;
		this.maxLineLength = maxLineLength;
	}

	/** Frames the bytes just read, in order; keeps what follows the last LF. */
	void frame(byte[] bytes, int offset, int length, Lines lines) throws IOException {
		frame(bytes, offset, length, lines, Integer.MAX_VALUE);
	}

	/**
	 * Frames the bytes just read, in order, handing on at most {@code maxLines} wanted lines; keeps
	 * what follows the last LF, and holds what follows the last line handed on when the turn ends first.
	 * @return true when bytes are held for another turn ({@link #frameHeld})
	 */
	boolean frame(byte[] bytes, int offset, int length, Lines lines, int maxLines) throws IOException {
		int end = offset + length;
		int start = offset;
		int handedOn = 0;
		while (start < end && !this.stopped) {
			if (handedOn == maxLines) {
				hold(bytes, start, end);
				return true;
			}
			int lf = indexOfLf(bytes, start, end);
			if (lf < 0) {
				keep(bytes, start, end, lines);
				break;
			}
			int lineLength = this.carryLength + (lf - start);
			if (lineLength > this.maxLineLength) {
				stop(lines);
				break;
			}
			if (lines.wanted(lineLength + 1)) {
				if (this.carryLength == 0) {
					this.window.over(bytes, start, lf + 1);
				}
				else {
					append(bytes, start, lf + 1);
					this.window.over(this.carry, 0, this.carryLength);
				}
				lines.line(this.deserializer.deserialize(this.window));
				handedOn++;
			}
			this.carryLength = 0;
			if (this.carry != null && this.carry.length > KEPT_CARRY) {
				this.carry = null;
			}
			start = lf + 1;
		}
		if (bytes == this.held) {
			this.heldStart = this.heldEnd; // all framed
		}
		return false;
	}

	/** Whether bytes already read wait for another turn: the socket must not be read before them. */
	boolean holds() {
		return this.held != null && this.heldStart < this.heldEnd;
	}

	/** Frames what was held, as {@link #frame} does. @return true when bytes are still held */
	boolean frameHeld(Lines lines, int maxLines) throws IOException {
		if (!holds()) {
			return false;
		}
		boolean more = frame(this.held, this.heldStart, this.heldEnd - this.heldStart, lines, maxLines);
		if (!more) {
			this.held = null; // a flooder's held bytes go once it is read again normally
		}
		return more;
	}

	private void hold(byte[] bytes, int start, int end) {
		if (bytes == this.held) {
			this.heldStart = start;
			return;
		}
		int length = end - start;
		if (this.held == null || this.held.length < length) {
			this.held = new byte[Math.max(length, 1024)];
		}
		System.arraycopy(bytes, start, this.held, 0, length);
		this.heldStart = 0;
		this.heldEnd = length;
	}

	/** Bytes of a partial line held for the next read. */
	int pending() {
		return this.carryLength;
	}

	private void keep(byte[] bytes, int start, int end, Lines lines) {
		if (this.carryLength + (end - start) > this.maxLineLength) {
			stop(lines);
			return;
		}
		append(bytes, start, end);
	}

	private void stop(Lines lines) {
		this.stopped = true;
		this.carry = null;
		this.carryLength = 0;
		this.held = null;
		lines.tooLong();
	}

	private void append(byte[] bytes, int start, int end) {
		int needed = this.carryLength + (end - start);
		if (this.carry == null || this.carry.length < needed) {
			int size = Math.max(needed, (this.carry == null) ? 64 : this.carry.length * 2);
			this.carry = (this.carry == null) ? new byte[size] : Arrays.copyOf(this.carry, size);
		}
		System.arraycopy(bytes, start, this.carry, this.carryLength, end - start);
		this.carryLength = needed;
	}

	private static int indexOfLf(byte[] bytes, int from, int to) {
		for (int i = from; i < to; i++) {
			if (bytes[i] == '\n') {
				return i;
			}
		}
		return -1;
	}

	/** The deserializer's input: a range of an array, reused for every line. */
	private static final class Window extends InputStream {

		private byte[] bytes;

		private int position;

		private int end;

		void over(byte[] bytes, int from, int to) {
			this.bytes = bytes;
			this.position = from;
			this.end = to;
		}

		@Override
		public int read() {
			return (this.position < this.end) ? (this.bytes[this.position++] & 0xff) : -1;
		}

		@Override
		public int available() {
			return this.end - this.position;
		}

	}

}
