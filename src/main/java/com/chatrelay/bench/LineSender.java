package com.chatrelay.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import tlschannel.WouldBlockException;

/**
 * The sending side of one selector loop: writes each sender's lines when they are due (open loop),
 * and keeps what a full socket did not take until it is writable again. Loop thread only.
 */
final class LineSender {

	private final BenchOptions options;

	private final RoomPlan plan;

	private final Pacing pacing;

	private final LoopStats stats;

	private final List<BenchClient> senders = new ArrayList<>();

	private final StringBuilder line = new StringBuilder(256);

	/** The sender holding lines back for {@code --simulate-late}, or null. */
	private BenchClient holding;

	LineSender(BenchOptions options, Pacing pacing, LoopStats stats) {
		this.options = options;
		this.plan = options.plan();
		this.pacing = pacing;
		this.stats = stats;
	}

	void add(BenchClient sender) {
		this.senders.add(sender);
	}

	int count() {
		return this.senders.size();
	}

	/** Sends every line that is due; returns when the next one is due. */
	long sendDue(long now) {
		long earliest = Long.MAX_VALUE;
		long interval = this.pacing.intervalNanos;
		for (BenchClient sender : this.senders) {
			if (sender.state != BenchClient.State.READY) {
				continue;
			}
			if (sender.phase != this.pacing.phase) {
				sender.phase = this.pacing.phase;
				sender.sequence = 0;
				// spread the senders over one interval instead of firing them together
				sender.nextDue = this.pacing.phaseStart + interval * sender.index / Math.max(1, this.options.senders());
			}
			int step = this.pacing.step;
			while (sender.nextDue <= now && sender.state == BenchClient.State.READY) {
				sendLine(sender, step, sender.sequence++, sender.nextDue);
				sender.nextDue += interval;
			}
			earliest = Math.min(earliest, sender.nextDue);
		}
		return earliest;
	}

	private void sendLine(BenchClient sender, int step, long sequence, long due) {
		if (!this.stats.sent(step, this.plan.receiversOf(sender.index))) {
			return; // the step stopped sending between the loop's check and this line
		}
		boolean simulating = step > 0 && sender.index == 0;
		if (simulating && sequence < this.options.simulateLoss()) {
			return; // counted as sent, never written: the readers must report it lost
		}
		StringBuilder text = this.line;
		text.setLength(0);
		text.append("B ").append(step).append(' ').append(sender.index).append(' ').append(sequence).append(' ')
			.append(due).append(' ');
		while (text.length() < this.options.payload()) {
			text.append('x');
		}
		text.append('\n');
		byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
		if (simulating && sequence < this.options.simulateLoss() + this.options.simulateLate()) {
			// written once the drain is over: the readers must report it late, not lost
			sender.heldBack.add(bytes);
			this.holding = sender;
			return;
		}
		write(sender, bytes);
	}

	/** Writes the lines {@code --simulate-late} held back, once the drain is over. */
	void releaseHeldBackAfterDrain() {
		if (this.holding == null || !this.stats.windowClosed()) {
			return;
		}
		BenchClient sender = this.holding;
		this.holding = null;
		while (!sender.heldBack.isEmpty() && sender.state == BenchClient.State.READY) {
			write(sender, sender.heldBack.poll());
		}
		sender.heldBack.clear();
	}

	/** Writes now what the socket takes, and the rest once it is writable; a failed write is a disconnect. */
	void write(BenchClient client, byte[] bytes) {
		try {
			if (client.pendingWrite != null) {
				ByteBuffer grown = ByteBuffer.allocate(client.pendingWrite.remaining() + bytes.length);
				grown.put(client.pendingWrite).put(bytes).flip();
				client.pendingWrite = grown;
				return;
			}
			ByteBuffer buffer = ByteBuffer.wrap(bytes);
			boolean blocked = writeSome(client, buffer);
			if (buffer.hasRemaining() || blocked) {
				client.pendingWrite = buffer;
				client.key.interestOps(client.key.interestOps() | SelectionKey.OP_WRITE);
			}
		}
		catch (IOException ex) {
			this.stats.disconnected();
			client.close();
		}
	}

	/**
	 * What the socket takes now.
	 * @return true when TLS holds encrypted bytes the socket did not take (flush again when writable)
	 */
	private static boolean writeSome(BenchClient client, ByteBuffer buffer) throws IOException {
		try {
			client.io.write(buffer);
			return false;
		}
		catch (WouldBlockException ex) {
			return true;
		}
	}

	void flushPending(BenchClient client) throws IOException {
		if (client.pendingWrite != null) {
			boolean blocked = writeSome(client, client.pendingWrite);
			if (!client.pendingWrite.hasRemaining() && !blocked) {
				client.pendingWrite = null;
				client.key.interestOps(client.key.interestOps() & ~SelectionKey.OP_WRITE);
			}
		}
	}

}
