package com.chatrelay.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The hostile clients of one selector loop, on its selector and thread (never a thread each).
 * Flooders and stallers connect once the loop's own clients are under way and stay for the run;
 * churners come and go during each measured step, spread evenly over it. Loop thread only.
 */
final class HostileClients {

	/** {@code a\n} again and again: one write of it is about as much as a socket takes at once. */
	private static final byte[] FLOOD = "a\n".repeat(32 * 1024).getBytes(StandardCharsets.US_ASCII);

	/** A flooder never reads: a small receive buffer makes the relay's queue for it fill as soon as it would. */
	private static final int FLOODER_RECEIVE_BUFFER = 4096;

	private final BenchOptions options;

	private final Pacing pacing;

	private final HostileStats stats = new HostileStats();

	private final Selector selector;

	/** The replicas' chat addresses, taken in turn. */
	private final List<InetSocketAddress> servers = new ArrayList<>();

	private int nextServer;

	/** The loop's read buffer: this runs on the same thread. */
	private final ByteBuffer scratch;

	private final ChurnSchedule churnSchedule;

	private final ArrayDeque<HostileClient> toConnect = new ArrayDeque<>();

	/** Flooders and stallers: connected once, for the run. */
	private final List<HostileClient> held = new ArrayList<>();

	/** Flooders logged in before the first run: they start with it. */
	private final List<HostileClient> waitingToFlood = new ArrayList<>();

	private final Set<HostileClient> churners = new HashSet<>();

	private int inFlight;

	private int nextSource;

	private int stallerCheck;

	HostileClients(BenchOptions options, Pacing pacing, Selector selector, ByteBuffer scratch, int loopNumber, int loops) {
		this.options = options;
		this.pacing = pacing;
		this.selector = selector;
		options.ports().forEach((port) -> this.servers.add(new InetSocketAddress(options.host(), port)));
		this.scratch = scratch;
		this.churnSchedule = new ChurnSchedule(options, pacing, loopNumber, loops);
	}

	void add(HostileClient client) {
		this.held.add(client);
		this.toConnect.add(client);
	}

	HostileStats stats() {
		return this.stats;
	}

	/** Opens flooders and stallers while fewer than {@code budget} of them are on their way in. */
	void startConnects(int budget) {
		while (this.inFlight < budget && !this.toConnect.isEmpty()) {
			this.inFlight++;
			open(this.toConnect.poll());
		}
	}

	/**
	 * Starts what is due: the flood with the first run, the churners of a measured step, a check
	 * the controller asked for. @return when the next churner is due
	 */
	long tick(long now) {
		if (!this.waitingToFlood.isEmpty() && this.pacing.current.number() > 0) {
			for (HostileClient flooder : this.waitingToFlood) {
				if (!flooder.closed) {
					flooder.key.interestOps(floodInterest());
				}
			}
			this.waitingToFlood.clear();
		}
		int check = this.pacing.stallerCheck;
		if (check != this.stallerCheck) {
			this.stallerCheck = check;
			this.stats.stallersChecked(check, StallerCheck.countOpen(this.held, this.scratch));
		}
		return this.churnSchedule.startDue(now, this::startChurner);
	}

	private void startChurner(HostileClient churner) {
		this.churners.add(churner);
		this.stats.churnStarted();
		open(churner);
	}

	private void open(HostileClient client) {
		try {
			SocketChannel channel = SocketChannel.open();
			client.channel = channel;
			channel.configureBlocking(false);
			channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
			if (client.kind == HostileClient.Kind.FLOODER && !this.options.floodersRead()) {
				channel.setOption(StandardSocketOptions.SO_RCVBUF, FLOODER_RECEIVE_BUFFER);
			}
			List<String> sources = this.options.sourceAddresses();
			if (!sources.isEmpty()) {
				channel.bind(new InetSocketAddress(sources.get(this.nextSource++ % sources.size()), 0));
			}
			boolean connected = channel.connect(this.servers.get(this.nextServer++ % this.servers.size()));
			client.key = channel.register(this.selector, connected ? 0 : SelectionKey.OP_CONNECT, client);
			if (connected) {
				sendHello(client);
			}
		}
		catch (IOException ex) {
			failed(client);
		}
	}

	void handle(SelectionKey key, HostileClient client) {
		try {
			if (!key.isValid()) {
				return;
			}
			if (key.isConnectable()) {
				client.channel.finishConnect();
				sendHello(client);
				return;
			}
			if (key.isWritable()) {
				if (client.helloSent) {
					flood(client);
				}
				else {
					sendHello(client);
				}
			}
			if (key.isValid() && key.isReadable()) {
				read(client);
			}
		}
		catch (IOException ex) {
			failed(client);
		}
	}

	private void sendHello(HostileClient client) throws IOException {
		client.channel.write(client.hello);
		if (client.hello.hasRemaining()) {
			client.key.interestOps(SelectionKey.OP_WRITE);
			return;
		}
		client.helloSent = true;
		switch (client.kind) {
			case FLOODER -> client.key.interestOps(SelectionKey.OP_READ); // for its welcome
			case STALLER -> {
				client.key.interestOps(0);
				this.inFlight--;
				this.stats.stallerConnected();
			}
			case HALF_CLOSER -> {
				client.channel.shutdownOutput();
				client.key.interestOps(SelectionKey.OP_READ);
				this.stats.churnHalfClosed();
			}
			case RESETTER -> {
				this.stats.churnReset();
				finish(client, true);
			}
		}
	}

	private void flood(HostileClient client) throws IOException {
		int from = client.floodOffset;
		int written = client.channel.write(ByteBuffer.wrap(FLOOD, from, FLOOD.length - from));
		client.floodOffset = (from + written) % 2;
		this.stats.flooded(written);
	}

	private void read(HostileClient client) throws IOException {
		ByteBuffer buffer = this.scratch;
		buffer.clear();
		int read = client.channel.read(buffer);
		if (read < 0) {
			if (client.kind != HostileClient.Kind.HALF_CLOSER) {
				throw new IOException("closed by the server");
			}
			this.stats.churnEnded(client.welcomed);
			finish(client, false);
			return;
		}
		buffer.flip();
		if (!client.welcomed && client.scanForWelcome(buffer) && client.kind == HostileClient.Kind.FLOODER) {
			this.inFlight--;
			this.stats.flooderLoggedIn();
			// from here it never reads (what the relay sends it piles up in the relay), or reads and drops
			if (this.pacing.current.number() > 0) {
				client.key.interestOps(floodInterest());
			}
			else {
				client.key.interestOps(0);
				this.waitingToFlood.add(client);
			}
		}
	}

	private int floodInterest() {
		return this.options.floodersRead() ? SelectionKey.OP_WRITE | SelectionKey.OP_READ : SelectionKey.OP_WRITE;
	}

	/** A connection failed or was closed by the relay: what that means depends on who and when. */
	private void failed(HostileClient client) {
		switch (client.kind) {
			case FLOODER -> {
				if (client.welcomed) {
					this.stats.flooderDropped(); // the relay defending itself, not an error
				}
				else {
					this.stats.connectError();
					this.inFlight--;
				}
			}
			case STALLER -> {
				// once its bytes are out a staller is never touched again, until the check
				this.stats.connectError();
				this.inFlight--;
			}
			case HALF_CLOSER, RESETTER -> this.stats.churnFailed();
		}
		finish(client, false);
	}

	private void finish(HostileClient client, boolean reset) {
		client.close(reset);
		this.churners.remove(client);
	}

	void closeAll() {
		this.held.forEach((client) -> client.close(false));
		this.churners.forEach((client) -> client.close(false));
		this.churners.clear();
	}

}
