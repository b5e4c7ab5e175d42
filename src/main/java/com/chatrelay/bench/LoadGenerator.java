package com.chatrelay.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Drives the selector loops: connects and logs in every client, then runs measured steps at a
 * given rate and sums what the loops counted.
 */
final class LoadGenerator implements AutoCloseable {

	/** How often the relay's thread count is read while waiting: often enough to see a burst of threads. */
	private static final long SAMPLE_NANOS = 200_000_000L;

	/** Time for the loops to read what their stallers were sent; a loop that takes longer reports an older count. */
	private static final Duration STALLER_CHECK_TIMEOUT = Duration.ofSeconds(10);

	private final BenchOptions options;

	private final ServerProcess server;

	private final Pacing pacing = new Pacing();

	private final List<ClientLoop> loops = new ArrayList<>();

	private int step;

	private long connectNanos;

	private long nextSample;

	LoadGenerator(BenchOptions options) throws IOException {
		this.options = options;
		this.server = new ServerProcess(options.serverPid());
		for (int i = 0; i < options.threads(); i++) {
			this.loops.add(new ClientLoop(options, this.pacing, i));
		}
		for (int i = 0; i < options.clients(); i++) {
			BenchClient.Role role = (i < options.senders()) ? BenchClient.Role.SENDER
					: (i >= options.clients() - options.stuck()) ? BenchClient.Role.STUCK : BenchClient.Role.READER;
			this.loops.get(i % this.loops.size()).add(new BenchClient(i, options.namePrefix() + i, role));
		}
		for (int i = 0; i < options.flooders(); i++) {
			this.loops.get(i % this.loops.size()).add(HostileClient.flooder(options.namePrefix() + "flood" + i));
		}
		for (int i = 0; i < options.stallers(); i++) {
			// every other one stalls in the name, before it is even a user
			this.loops.get(i % this.loops.size())
				.add(HostileClient.staller(options.namePrefix() + "staller" + i, i % 2 == 0));
		}
	}

	/** Opens and logs in every client; fails if that takes longer than {@code timeout}. */
	void connect(Duration timeout) throws InterruptedException {
		this.server.before();
		long start = System.nanoTime();
		this.loops.forEach(ClientLoop::start);
		long deadline = start + timeout.toNanos();
		while (loggedIn() < this.options.clients() || !hostileTotals().connected(this.options)) {
			String refused = handshakeFailure();
			if (refused != null) {
				throw new IllegalStateException(refused);
			}
			if (System.nanoTime() > deadline) {
				HostileStats.Totals hostile = hostileTotals();
				throw new IllegalStateException("only " + loggedIn() + " of " + this.options.clients()
						+ " clients logged in within " + timeout.toSeconds() + " s (" + connectErrors()
						+ " connect errors); flooders " + hostile.floodersLoggedIn + " of " + this.options.flooders()
						+ ", stallers " + hostile.stallersConnected + " of " + this.options.stallers() + " ("
						+ hostile.connectErrors + " connect errors)"
						+ (this.options.plan().inRooms() ? "; with --rooms a client counts once it joined its room and left "
								+ this.options.defaultRoom() : ""));
			}
			sample();
			TimeUnit.MILLISECONDS.sleep(2);
		}
		this.connectNanos = System.nanoTime() - start;
		this.server.loggedIn();
	}

	/** Holds the clients, sending nothing, for the run's duration. */
	BenchReport idle() throws InterruptedException {
		this.server.startCpu();
		hold(this.options.duration());
		this.server.stopCpu();
		this.server.after();
		checkStallers();
		LoopStats.Totals totals = totals();
		return BenchReport.idle(this.options, totals, hostileTotals(), this.connectNanos, this.server);
	}

	/**
	 * One measured step at {@code rate} lines/s in: warm-up, measurement, the drain (what arrives is
	 * delivered), then the late wait (what arrives is late; what never does is lost).
	 */
	BenchReport run(double rate) throws InterruptedException {
		long interval = Math.max(1, Math.round(this.options.senders() * 1_000_000_000d / rate));
		if (!this.options.warmup().isZero()) {
			this.pacing.startPhase(0, interval);
			hold(this.options.warmup());
		}
		int measured = ++this.step;
		this.loops.forEach((loop) -> {
			loop.stats().startStep(measured);
			loop.hostileStats().startStep();
		});
		long cpuBefore = cpuNanos();
		this.server.startCpu();
		long start = System.nanoTime();
		this.pacing.startPhase(measured, interval);
		hold(this.options.duration());
		this.pacing.sending = false;
		long sendingNanos = System.nanoTime() - start;
		// from here no loop counts or writes another line of this step: the count of sent lines is final
		this.loops.forEach((loop) -> {
			loop.stats().stopSending();
			loop.hostileStats().stopSending();
		});
		long expected = expected();
		awaitArrivals(expected, this.options.drain());
		long cpu = cpuNanos() - cpuBefore;
		this.server.stopCpu();
		double serverCpuSpan = (System.nanoTime() - start) / 1e9;
		this.loops.forEach((loop) -> loop.stats().closeWindow());
		awaitArrivals(expected, this.options.lateWait());
		this.server.after();
		awaitChurn(this.options.drain());
		checkStallers();
		return BenchReport.run(this.options, rate, totals(), hostileTotals(), sendingNanos, cpu, this.connectNanos,
				this.server, serverCpuSpan);
	}

	/** Waits, for at most {@code limit}, until the last churner of the step is done; most are long gone. */
	private void awaitChurn(Duration limit) throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		while (!hostileTotals().churnDone(this.options) && System.nanoTime() < deadline) {
			TimeUnit.MILLISECONDS.sleep(5);
		}
	}

	/** Has every loop look whether its stallers are still connected, and waits for the answers. */
	private void checkStallers() throws InterruptedException {
		if (this.options.stallers() == 0) {
			return;
		}
		int check = ++this.pacing.stallerCheck;
		long deadline = System.nanoTime() + STALLER_CHECK_TIMEOUT.toNanos();
		while (this.loops.stream().anyMatch((loop) -> loop.hostileStats().stallerCheck() != check)
				&& System.nanoTime() < deadline) {
			TimeUnit.MILLISECONDS.sleep(5);
		}
	}

	/** Waits for {@code time}, reading the relay's thread count now and then. */
	private void hold(Duration time) throws InterruptedException {
		long deadline = System.nanoTime() + time.toNanos();
		for (long left = time.toNanos(); left > 0; left = deadline - System.nanoTime()) {
			sample();
			TimeUnit.NANOSECONDS.sleep(Math.min(left, SAMPLE_NANOS));
		}
	}

	private void sample() {
		long now = System.nanoTime();
		if (now - this.nextSample >= 0) {
			this.server.sample();
			this.nextSample = now + SAMPLE_NANOS;
		}
	}

	/** Waits until {@code expected} lines arrived (delivered or late), or for {@code limit}. */
	private void awaitArrivals(long expected, Duration limit) throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		while (delivered() + late() < expected && System.nanoTime() < deadline) {
			sample();
			TimeUnit.MILLISECONDS.sleep(5);
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.pacing.running = false;
		for (ClientLoop loop : this.loops) {
			loop.join();
		}
	}

	private LoopStats.Totals totals() {
		LoopStats.Totals totals = new LoopStats.Totals();
		this.loops.forEach((loop) -> loop.stats().addTo(totals));
		return totals;
	}

	private HostileStats.Totals hostileTotals() {
		HostileStats.Totals totals = new HostileStats.Totals();
		this.loops.forEach((loop) -> loop.hostileStats().addTo(totals));
		return totals;
	}

	private long loggedIn() {
		return this.loops.stream().mapToLong((loop) -> loop.stats().loggedInCount()).sum();
	}

	private long connectErrors() {
		return this.loops.stream().mapToLong((loop) -> loop.stats().connectErrorCount()).sum();
	}

	private long sent() {
		return this.loops.stream().mapToLong((loop) -> loop.stats().sentCount()).sum();
	}

	private long expected() {
		return this.loops.stream().mapToLong((loop) -> loop.stats().expectedCount()).sum();
	}

	/** The first answer that kept a client from its room, or null. */
	private String handshakeFailure() {
		return this.loops.stream()
			.map((loop) -> loop.stats().handshakeFailure())
			.filter((why) -> why != null)
			.findFirst()
			.orElse(null);
	}

	private long delivered() {
		return this.loops.stream().mapToLong((loop) -> loop.stats().deliveredCount()).sum();
	}

	private long late() {
		return this.loops.stream().mapToLong((loop) -> loop.stats().lateCount()).sum();
	}

	private static long cpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
	}

}
