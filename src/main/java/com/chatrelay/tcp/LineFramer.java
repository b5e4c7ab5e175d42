package com.chatrelay.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import org.springframework.core.serializer.Deserializer;

/**
 * Cuts one connection's bytes into lines on the thread that read them: Spring Integration's LF
 * deserializer finds each LF and copies the line out, in one pass over the bytes, and a partial line
 * is kept for the next read. Nothing ever waits for the rest of a line: a client that sends half a
 * line and stalls costs its bytes, not a thread. A line longer than the limit is reported before its
 * end arrives, and nothing of it is kept. A CR before the LF is dropped.
 * <p>
 * Each line is {@linkplain Lines#admits admitted} before it is cut: a refused line (a flooder's) is
 * only measured, never copied. A read may carry more lines than one turn hands on (a flooder's
 * 16 KiB): the bytes after the turn's last line are held for the connection's next turn
 * ({@link ReadTurns}).
 * <p>
 * Not thread-safe: only the selector thread frames.
 */
final class LineFramer {

	/** Where framed lines go. */
	interface Lines {

		/** Whether the next line is worth cutting out at all; asked before it is (no side effects). */
		boolean admits();

		/** A line that was not admitted: {@code length} bytes with its LF, measured and dropped. */
		void refused(int length);

		/** A line, without its LF and without a CR before it. */
		void line(byte[] line);

		/** A line passed the limit; nothing more is framed. */
		void tooLong();

	}

	private static final byte[] NONE = new byte[0];

	private final Deserializer<byte[]> deserializer;

	private final int maxLineLength;

	private final Window window = new Window();

	/** The partial line kept from earlier reads: {@code carry[0, carryLength)}. */
	private byte[] carry = NONE;

	private int carryLength;

	private boolean stopped;

	/** Bytes read but not yet framed, kept for the next turn: {@code held[heldStart, heldEnd)}. */
	private byte[] held;

	private int heldStart;

	private int heldEnd;

	/**
	 * @param deserializer the LF deserializer, failing past {@code maxLineLength + 1} bytes without an LF
	 * @param maxLineLength bytes before the LF (a CR counts)
	 */
	LineFramer(Deserializer<byte[]> deserializer, int maxLineLength) {
		this.deserializer = deserializer;
		this.maxLineLength = maxLineLength;
	}

	/** Frames the bytes just read, in order; keeps what follows the last LF. */
	void frame(byte[] bytes, int offset, int length, Lines lines) {
		frame(bytes, offset, length, lines, Integer.MAX_VALUE);
	}

	/**
	 * Frames the bytes just read, in order, handing on at most {@code maxLines} lines; keeps what
	 * follows the last LF, and holds what follows the last line handed on when the turn ends first.
	 * @return true when bytes are held for another turn ({@link #frameHeld})
	 */
	boolean frame(byte[] bytes, int offset, int length, Lines lines, int maxLines) {
		int end = offset + length;
		int start = offset;
		int handedOn = 0;
		int lastLf = lastIndexOfLf(bytes, offset, end); // from the end: usually its last byte
		while (start < end && !this.stopped) {
			if (handedOn == maxLines) {
				hold(bytes, start, end);
				return true;
			}
			boolean admitted = lines.admits();
			start = (start > lastLf) ? keepPartial(bytes, start, end, lines)
					: admitted ? cut(bytes, start, end, lines) : skip(bytes, start, end, lines);
			if (start < 0) {
				break; // a partial line, kept (or the limit, reported)
			}
			if (admitted) {
				handedOn++;
			}
		}
		if (bytes == this.held) {
			this.heldStart = this.heldEnd; // all framed
		}
		return false;
	}

	/**
	 * The deserializer reads the kept partial line and then the new bytes up to the next LF; past the
	 * bytes read so far the window answers an LF of its own, so a partial line comes back whole too.
	 * @return where the next line starts, or -1 when the bytes ended inside this one
	 */
	private int cut(byte[] bytes, int start, int end, Lines lines) {
		this.window.over(this.carry, this.carryLength, bytes, start, end);
		byte[] line;
		try {
			line = this.deserializer.deserialize(this.window);
		}
		catch (IOException ex) { // the window never fails: this is the deserializer's limit
			stop(lines);
			return -1;
		}
		if (this.window.ranOut()) {
			this.carry = line; // the partial line, as the deserializer copied it out
			this.carryLength = line.length;
			return -1;
		}
		this.carryLength = 0;
		this.carry = NONE;
		int length = line.length;
		lines.line((length > 0 && line[length - 1] == '\r') ? Arrays.copyOf(line, length - 1) : line);
		return this.window.position();
	}

	/**
	 * No LF left in this read: the rest is kept for the next one without the deserializer, which
	 * would allocate its buffer of max-line-length bytes and re-read the kept part at every read
	 * (a line dribbled in small pieces must cost its bytes once, not its length squared).
	 */
	private int keepPartial(byte[] bytes, int start, int end, Lines lines) {
		if (this.carryLength + (end - start) > this.maxLineLength) {
			stop(lines);
			return -1;
		}
		keep(bytes, start, end);
		return -1;
	}

	/** A refused line is only measured (the one scan of its bytes) and counted when its LF arrives. */
	private int skip(byte[] bytes, int start, int end, Lines lines) {
		int lf = indexOfLf(bytes, start, end);
		int length = this.carryLength + (((lf < 0) ? end : lf) - start);
		if (length > this.maxLineLength) {
			stop(lines);
			return -1;
		}
		if (lf < 0) {
			keep(bytes, start, end);
			return -1;
		}
		this.carryLength = 0;
		this.carry = NONE;
		lines.refused(length + 1);
		return lf + 1;
	}

	/** Whether bytes already read wait for another turn: the socket must not be read before them. */
	boolean holds() {
		return this.held != null && this.heldStart < this.heldEnd;
	}

	/** Frames what was held, as {@link #frame} does. @return true when bytes are still held */
	boolean frameHeld(Lines lines, int maxLines) {
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

	/** Bytes of a partial line kept for the next read. */
	int pending() {
		return this.carryLength;
	}

	/** Appends to the kept partial line; its array grows by doubling, so a dribbled line is copied O(1) times per byte. */
	private void keep(byte[] bytes, int start, int end) {
		int length = this.carryLength + (end - start);
		if (this.carry.length < length) {
			this.carry = Arrays.copyOf(this.carry, Math.min(Math.max(length, 2 * this.carry.length), this.maxLineLength + 1));
		}
		System.arraycopy(bytes, start, this.carry, this.carryLength, end - start);
		this.carryLength = length;
	}

	private void stop(Lines lines) {
		this.stopped = true;
		this.carry = NONE;
		this.carryLength = 0;
		this.held = null;
		lines.tooLong();
	}

	private static int lastIndexOfLf(byte[] bytes, int from, int to) {
		for (int i = to - 1; i >= from; i--) {
			if (bytes[i] == '\n') {
				return i;
			}
		}
		return -1;
	}

	private static int indexOfLf(byte[] bytes, int from, int to) {
		for (int i = from; i < to; i++) {
			if (bytes[i] == '\n') {
				return i;
			}
		}
		return -1;
	}

	/**
	 * The deserializer's input, reused for every line: the kept partial line, then a range of the
	 * bytes read, then an LF that marks the end of what has arrived ({@link #ranOut}).
	 */
	private static final class Window extends InputStream {

		private byte[] head;

		private int headEnd;

		private byte[] bytes;

		private int position;

		private int end;

		private int headPosition;

		private boolean ranOut;

		void over(byte[] head, int headEnd, byte[] bytes, int from, int to) {
			this.head = head;
			this.headEnd = headEnd;
			this.headPosition = 0;
			this.bytes = bytes;
			this.position = from;
			this.end = to;
			this.ranOut = false;
		}

		/** Whether the deserializer was given the end-of-bytes LF: what it returned is a partial line. */
		boolean ranOut() {
			return this.ranOut;
		}

		/** Where the bytes not yet read start. */
		int position() {
			return this.position;
		}

		@Override
		public int read() {
			if (this.headPosition < this.headEnd) {
				return this.head[this.headPosition++] & 0xff;
			}
			if (this.position < this.end) {
				return this.bytes[this.position++] & 0xff;
			}
			this.ranOut = true;
			return '\n';
		}

		@Override
		public int available() {
			return (this.headEnd - this.headPosition) + (this.end - this.position);
		}

	}

}
