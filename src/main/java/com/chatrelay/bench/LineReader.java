package com.chatrelay.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import tlschannel.NeedsReadException;
import tlschannel.NeedsWriteException;

/**
 * The reading side of one selector loop: answers the prompt, waits for the welcome (and, with
 * rooms, for the client to take its room), then checks every measured line a reader gets for
 * loss, duplicates, order and its room. Loop thread only.
 */
final class LineReader {

	static final byte[] PROMPT = "Enter your name:".getBytes(StandardCharsets.US_ASCII);

	static final byte[] WELCOME = "[SERVER] welcome".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] SERVER_ERROR = "[SERVER] error".getBytes(StandardCharsets.US_ASCII);

	private final RoomPlan plan;

	private final Pacing pacing;

	private final LoopStats stats;

	private final LineSender sender;

	private final RoomHandshake rooms;

	/** Told of every login, so the loop can open the next connection. */
	private final Runnable loggedIn;

	/** Shared by the loop's clients: one read at a time. */
	private final ByteBuffer readBuffer = ByteBuffer.allocate(256 * 1024);

	LineReader(BenchOptions options, Pacing pacing, LoopStats stats, LineSender sender, Runnable loggedIn) {
		this.plan = options.plan();
		this.pacing = pacing;
		this.stats = stats;
		this.sender = sender;
		this.rooms = new RoomHandshake(options, sender, stats);
		this.loggedIn = loggedIn;
	}

	/** The loop's scratch buffer, for other readers on the same thread. */
	ByteBuffer buffer() {
		return this.readBuffer;
	}

	/** Reads once and handles the lines; false when there was nothing to read. */
	boolean read(BenchClient client) throws IOException {
		ByteBuffer buffer = this.readBuffer;
		buffer.clear();
		buffer.put(client.carry);
		int read;
		try {
			read = client.io.read(buffer);
		}
		catch (NeedsReadException ex) {
			return false;
		}
		catch (NeedsWriteException ex) {
			client.key.interestOps(client.key.interestOps() | SelectionKey.OP_WRITE);
			return false;
		}
		if (read < 0) {
			throw new IOException("closed by the server");
		}
		byte[] bytes = buffer.array();
		int end = buffer.position();
		int start = 0;
		long now = System.nanoTime();
		for (int i = client.carry.length; i < end; i++) {
			if (bytes[i] == '\n') {
				onLine(client, bytes, start, i, now);
				start = i + 1;
				if (client.state == BenchClient.State.CLOSED || (client.role == BenchClient.Role.STUCK
						&& client.state == BenchClient.State.READY)) {
					break; // a stuck reader stops reading right after its welcome
				}
			}
		}
		client.carry = (start < end) ? Arrays.copyOfRange(bytes, start, end) : BenchClient.NO_BYTES;
		return read > 0;
	}

	private void onLine(BenchClient client, byte[] bytes, int from, int to, long now) {
		switch (client.state) {
			case AWAIT_PROMPT -> {
				if (startsWith(bytes, from, to, PROMPT)) {
					this.sender.write(client, (client.name + "\n").getBytes(StandardCharsets.UTF_8));
					client.state = BenchClient.State.AWAIT_WELCOME;
				}
			}
			case AWAIT_WELCOME -> {
				if (startsWith(bytes, from, to, WELCOME) && this.rooms.needed()) {
					this.rooms.start(client);
				}
				else if (startsWith(bytes, from, to, WELCOME)) {
					ready(client);
				}
				else if (startsWith(bytes, from, to, SERVER_ERROR)) {
					this.stats.serverError();
				}
			}
			case JOINING, PARTING -> {
				if (this.rooms.onLine(client, bytes, from, to)) {
					ready(client);
				}
			}
			case READY -> onChatLine(client, bytes, from, to, now);
			default -> {
			}
		}
	}

	/** Logged in (and in its room, with rooms): the client counts as logged in, and a stuck one stops reading. */
	private void ready(BenchClient client) {
		client.state = BenchClient.State.READY;
		this.loggedIn.run();
		this.stats.loggedIn();
		if (client.role == BenchClient.Role.STUCK) {
			client.key.interestOps(0);
		}
	}

	/** {@code [name] B <step> <sender> <seq> <dueNanos> xxx...}: a measured line, or a notice. */
	private void onChatLine(BenchClient client, byte[] bytes, int from, int to, long now) {
		if (startsWith(bytes, from, to, SERVER_ERROR)) {
			this.stats.serverError();
			return;
		}
		int close = indexOf(bytes, from, to, (byte) ']');
		int at = close + 2;
		if (close < 0 || at + 1 >= to || bytes[at] != 'B' || bytes[at + 1] != ' ') {
			return; // a join or leave notice, or somebody else's chat
		}
		long[] fields = new long[4];
		int position = at + 2;
		for (int f = 0; f < 4; f++) {
			long value = 0;
			while (position < to && bytes[position] != ' ') {
				value = value * 10 + (bytes[position++] - '0');
			}
			fields[f] = value;
			position++;
		}
		int step = (int) fields[0];
		int sender = (int) fields[1];
		long sequence = fields[2];
		int current = this.pacing.step;
		if (step == 0 || step != current) {
			return; // warm-up, or a straggler from an earlier step
		}
		if (bytes[from] == '#' || !this.plan.routedTo(sender, client.index)) {
			// another room's line, or a line in the form of a room the reader is in but not active in: it has one room
			this.stats.misrouted(step);
			return;
		}
		if (client.step != current) {
			client.resetFor(current, this.plan.sendersIn(this.plan.roomOf(client.index)));
		}
		int slot = this.plan.slotOf(sender);
		if (client.seen[slot].get((int) sequence)) {
			this.stats.duplicated(step);
			return;
		}
		client.seen[slot].set((int) sequence);
		boolean reordered = sequence < client.highest[slot];
		if (!reordered) {
			client.highest[slot] = sequence;
		}
		this.stats.delivered(step, now - fields[3], reordered,
				this.plan.replicaOf(sender) != this.plan.replicaOf(client.index));
	}

	private static boolean startsWith(byte[] bytes, int from, int to, byte[] prefix) {
		if (to - from < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (bytes[from + i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	private static int indexOf(byte[] bytes, int from, int to, byte wanted) {
		for (int i = from; i < to; i++) {
			if (bytes[i] == wanted) {
				return i;
			}
		}
		return -1;
	}

}
