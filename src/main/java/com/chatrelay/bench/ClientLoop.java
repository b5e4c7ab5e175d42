package com.chatrelay.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One selector thread of the load generator: connects and logs in its clients, paces its senders
 * (open loop: each line carries the time it was due, so a stalled server cannot hide its delay),
 * and checks every line its readers get for loss, duplicates and order.
 */
final class ClientLoop implements Runnable {

	/** Connections being opened or logged in at once, per loop: bursts past the server's backlog only add retries. */
	private static final int MAX_IN_FLIGHT = 512;

	/** Below this wait a low-rate loop spins instead of sleeping in select(), which rounds to milliseconds. */
	private static final long SPIN_BELOW_NANOS = 1_000_000;

	/** A loop spins only while its senders are due less often than this: at high rates it is busy anyway. */
	private static final long PRECISE_ABOVE_INTERVAL_NANOS = 2_000_000;

	private static final byte[] PROMPT = "Enter your name:".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] WELCOME = "[SERVER] welcome".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] SERVER_ERROR = "[SERVER] error".getBytes(StandardCharsets.US_ASCII);

	private final BenchOptions options;

	private final Pacing pacing;

	private final LoopStats stats = new LoopStats();

	private final Selector selector;

	private final InetSocketAddress server;

	private final ArrayDeque<BenchClient> toConnect = new ArrayDeque<>();

	private final List<BenchClient> clients = new ArrayList<>();

	private final List<BenchClient> senders = new ArrayList<>();

	private final ByteBuffer readBuffer = ByteBuffer.allocate(256 * 1024);

	private final StringBuilder line = new StringBuilder(256);

	private final Thread thread;

	private int inFlight;

	private int nextSource;

	/** The sender holding lines back for {@code --simulate-late}, or null. */
	private BenchClient holding;

	ClientLoop(BenchOptions options, Pacing pacing, int number) throws IOException {
		this.options = options;
		this.pacing = pacing;
		this.selector = Selector.open();
		this.server = new InetSocketAddress(options.host(), options.port());
		this.thread = new Thread(this, "bench-loop-" + number);
		this.thread.setDaemon(true);
	}

	void add(BenchClient client) {
		this.clients.add(client);
		this.toConnect.add(client);
		if (client.role == BenchClient.Role.SENDER) {
			this.senders.add(client);
		}
	}

	LoopStats stats() {
		return this.stats;
	}

	void start() {
		this.thread.start();
	}

	void join() throws InterruptedException {
		this.selector.wakeup();
		this.thread.join(10_000);
	}

	@Override
	public void run() {
		try {
			while (this.pacing.running) {
				startConnects();
				if (this.holding != null && this.stats.windowClosed()) {
					releaseHeldBack();
				}
				long nextDue = this.pacing.sending ? sendDue(System.nanoTime()) : Long.MAX_VALUE;
				long wait = nextDue - System.nanoTime();
				if (wait <= 0) {
					this.selector.selectNow();
				}
				else if (wait < SPIN_BELOW_NANOS && precise()) {
					// select() sleeps in whole milliseconds: at low rates, spin the last one so a line leaves when due
					this.selector.selectNow();
					Thread.onSpinWait();
				}
				else {
					long sleepMillis = precise() ? (wait - SPIN_BELOW_NANOS) / 1_000_000 : wait / 1_000_000;
					this.selector.select(Math.max(1, Math.min(sleepMillis, 50)));
				}
				for (SelectionKey key : this.selector.selectedKeys()) {
					handle(key, (BenchClient) key.attachment());
				}
				this.selector.selectedKeys().clear();
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("load generator loop failed", ex);
		}
		finally {
			for (BenchClient client : this.clients) {
				closeQuietly(client);
			}
			try {
				this.selector.close();
			}
			catch (IOException ex) {
				// shutting down
			}
		}
	}

	/** Whether this loop's lines are far enough apart to afford spinning for a precise send time. */
	private boolean precise() {
		int local = Math.max(1, this.senders.size());
		return this.pacing.intervalNanos / local >= PRECISE_ABOVE_INTERVAL_NANOS;
	}

	// ---- connecting and logging in ----

	private void startConnects() {
		while (this.inFlight < MAX_IN_FLIGHT && !this.toConnect.isEmpty()) {
			BenchClient client = this.toConnect.poll();
			try {
				SocketChannel channel = SocketChannel.open();
				channel.configureBlocking(false);
				channel.socket().setTcpNoDelay(true);
				List<String> sources = this.options.sourceAddresses();
				if (!sources.isEmpty()) {
					channel.bind(new InetSocketAddress(sources.get(this.nextSource++ % sources.size()), 0));
				}
				client.channel = channel;
				boolean connected = channel.connect(this.server);
				client.key = channel.register(this.selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, client);
				client.state = connected ? BenchClient.State.AWAIT_PROMPT : BenchClient.State.CONNECTING;
				this.inFlight++;
			}
			catch (IOException ex) {
				this.stats.connectError();
				closeQuietly(client);
			}
		}
	}

	private void handle(SelectionKey key, BenchClient client) {
		try {
			if (!key.isValid()) {
				return;
			}
			if (key.isConnectable()) {
				client.channel.finishConnect();
				client.state = BenchClient.State.AWAIT_PROMPT;
				key.interestOps(SelectionKey.OP_READ);
				return;
			}
			if (key.isWritable()) {
				flushPending(client);
			}
			if (key.isValid() && key.isReadable()) {
				read(client);
			}
		}
		catch (IOException ex) {
			if (client.state == BenchClient.State.CONNECTING) {
				this.stats.connectError();
				this.inFlight--;
			}
			else if (client.state != BenchClient.State.CLOSED && client.role != BenchClient.Role.STUCK) {
				this.stats.disconnected();
			}
			closeQuietly(client);
		}
	}

	// ---- reading ----

	private void read(BenchClient client) throws IOException {
		ByteBuffer buffer = this.readBuffer;
		buffer.clear();
		buffer.put(client.carry);
		int read = client.channel.read(buffer);
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
	}

	private void onLine(BenchClient client, byte[] bytes, int from, int to, long now) {
		switch (client.state) {
			case AWAIT_PROMPT -> {
				if (startsWith(bytes, from, to, PROMPT)) {
					write(client, (client.name + "\n").getBytes(StandardCharsets.UTF_8));
					client.state = BenchClient.State.AWAIT_WELCOME;
				}
			}
			case AWAIT_WELCOME -> {
				if (startsWith(bytes, from, to, WELCOME)) {
					client.state = BenchClient.State.READY;
					this.inFlight--;
					this.stats.loggedIn();
					if (client.role == BenchClient.Role.STUCK) {
						client.key.interestOps(0);
					}
				}
				else if (startsWith(bytes, from, to, SERVER_ERROR)) {
					this.stats.serverError();
				}
			}
			case READY -> onChatLine(client, bytes, from, to, now);
			default -> {
			}
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
		if (client.step != current) {
			client.resetFor(current, this.options.senders());
		}
		if (client.seen[sender].get((int) sequence)) {
			this.stats.duplicated(step);
			return;
		}
		client.seen[sender].set((int) sequence);
		boolean reordered = sequence < client.highest[sender];
		if (!reordered) {
			client.highest[sender] = sequence;
		}
		this.stats.delivered(step, now - fields[3], reordered);
	}

	// ---- sending ----

	/** Sends every line that is due; returns when the next one is due. */
	private long sendDue(long now) {
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
		if (!this.stats.sent(step)) {
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

	private void releaseHeldBack() {
		BenchClient sender = this.holding;
		this.holding = null;
		while (!sender.heldBack.isEmpty() && sender.state == BenchClient.State.READY) {
			write(sender, sender.heldBack.poll());
		}
		sender.heldBack.clear();
	}

	private void write(BenchClient client, byte[] bytes) {
		try {
			if (client.pendingWrite != null) {
				ByteBuffer grown = ByteBuffer.allocate(client.pendingWrite.remaining() + bytes.length);
				grown.put(client.pendingWrite).put(bytes).flip();
				client.pendingWrite = grown;
				return;
			}
			ByteBuffer buffer = ByteBuffer.wrap(bytes);
			client.channel.write(buffer);
			if (buffer.hasRemaining()) {
				client.pendingWrite = buffer;
				client.key.interestOps(client.key.interestOps() | SelectionKey.OP_WRITE);
			}
		}
		catch (IOException ex) {
			this.stats.disconnected();
			closeQuietly(client);
		}
	}

	private void flushPending(BenchClient client) throws IOException {
		if (client.pendingWrite != null) {
			client.channel.write(client.pendingWrite);
			if (!client.pendingWrite.hasRemaining()) {
				client.pendingWrite = null;
				client.key.interestOps(client.key.interestOps() & ~SelectionKey.OP_WRITE);
			}
		}
	}

	// ---- helpers ----

	private static void closeQuietly(BenchClient client) {
		client.state = BenchClient.State.CLOSED;
		if (client.channel != null) {
			try {
				client.channel.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}
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
