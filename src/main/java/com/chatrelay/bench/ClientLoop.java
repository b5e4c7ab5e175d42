package com.chatrelay.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One selector thread of the load generator: connects its clients and runs their selector. Its
 * {@link LineSender} paces the senders (open loop: each line carries the time it was due, so a
 * stalled server cannot hide its delay); its {@link LineReader} logs clients in and checks every
 * line the readers get for loss, duplicates and order.
 */
final class ClientLoop implements Runnable {

	/** Connections being opened or logged in at once, per loop: bursts past the server's backlog only add retries. */
	private static final int MAX_IN_FLIGHT = 512;

	/** Below this wait a low-rate loop spins instead of sleeping in select(), which rounds to milliseconds. */
	private static final long SPIN_BELOW_NANOS = 1_000_000;

	/** A loop spins only while its senders are due less often than this: at high rates it is busy anyway. */
	private static final long PRECISE_ABOVE_INTERVAL_NANOS = 2_000_000;

	private final BenchOptions options;

	private final Pacing pacing;

	private final LoopStats stats = new LoopStats();

	private final Selector selector;

	/** The replicas' chat addresses; a client connects to the one its index picks. */
	private final List<InetSocketAddress> servers = new ArrayList<>();

	private final ArrayDeque<BenchClient> toConnect = new ArrayDeque<>();

	private final List<BenchClient> clients = new ArrayList<>();

	private final LineSender sending;

	/** Null for plain TCP. */
	private final BenchTls tls;

	private final LineReader reading;

	private final HostileClients hostile;

	private final Thread thread;

	private int inFlight;

	private int nextSource;

	ClientLoop(BenchOptions options, Pacing pacing, int number) throws IOException {
		this.options = options;
		this.pacing = pacing;
		this.selector = Selector.open();
		options.ports().forEach((port) -> this.servers.add(new InetSocketAddress(options.host(), port)));
		this.thread = new Thread(this, "bench-loop-" + number);
		this.thread.setDaemon(true);
		this.tls = options.tls() ? new BenchTls() : null;
		this.sending = new LineSender(options, pacing, this.stats);
		this.reading = new LineReader(options, pacing, this.stats, this.sending, () -> this.inFlight--);
		this.hostile = new HostileClients(options, pacing, this.selector, this.reading.buffer(), number,
				options.threads());
	}

	void add(BenchClient client) {
		this.clients.add(client);
		this.toConnect.add(client);
		if (client.role == BenchClient.Role.SENDER) {
			this.sending.add(client);
		}
	}

	void add(HostileClient client) {
		this.hostile.add(client);
	}

	LoopStats stats() {
		return this.stats;
	}

	HostileStats hostileStats() {
		return this.hostile.stats();
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
				if (this.toConnect.isEmpty()) {
					// the measured clients first: hostile ones must not slow their logins
					this.hostile.startConnects(MAX_IN_FLIGHT - this.inFlight);
				}
				this.sending.releaseHeldBackAfterDrain();
				long now = System.nanoTime();
				long nextDue = this.pacing.sending ? this.sending.sendDue(now) : Long.MAX_VALUE;
				nextDue = Math.min(nextDue, this.hostile.tick(now));
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
					if (key.attachment() instanceof HostileClient client) {
						this.hostile.handle(key, client);
					}
					else {
						handle(key, (BenchClient) key.attachment());
					}
				}
				this.selector.selectedKeys().clear();
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("load generator loop failed", ex);
		}
		finally {
			this.clients.forEach(BenchClient::close);
			this.hostile.closeAll();
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
		int local = Math.max(1, this.sending.count());
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
				boolean connected = channel.connect(this.servers.get(this.options.replicaOf(client.index)));
				client.key = channel.register(this.selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, client);
				client.state = connected ? BenchClient.State.AWAIT_PROMPT : BenchClient.State.CONNECTING;
				if (connected) {
					openIo(client);
				}
				this.inFlight++;
			}
			catch (IOException ex) {
				this.stats.connectError();
				client.close();
			}
		}
	}

	private void openIo(BenchClient client) throws IOException {
		client.io = (this.tls != null) ? this.tls.open(client.channel, client.key) : client.channel;
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
				openIo(client);
				return;
			}
			if (key.isWritable()) {
				this.sending.flushPending(client);
			}
			boolean readable = key.isValid() && key.isReadable();
			if (this.tls != null && key.isValid() && key.isWritable() && client.state == BenchClient.State.AWAIT_PROMPT) {
				readable = true; // a TLS handshake that waited for the socket goes on with a read
			}
			// TLS may hold decrypted lines the socket no longer signals: read until it needs the socket
			while (readable && this.reading.read(client) && this.tls != null && client.state != BenchClient.State.CLOSED
					&& client.key.interestOps() != 0) {
				// read on
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
			client.close();
		}
	}

}
