package com.chatrelay.tcp;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.chatrelay.chat.DisconnectReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The threads that compute TLS handshakes (key exchange, signature) off the selector thread, and
 * who may use them. A ClientHello costs a client nothing and the relay a key share and a signature,
 * so a new client is admitted only while its address is within its rate (asked before its first
 * bytes are even parsed: a flood's refusals cost the relay next to nothing) and its hello only
 * while fewer than {@code maxWaiting} others wait for a thread; past that its client is closed
 * before any of that is computed, and counted. Later steps of an admitted handshake always run.
 * <p>
 * The waiting steps are served fairly, not first come first served: a later step goes first (it
 * finishes a handshake), then a hello ranks by how many hellos of its address wait or run before it, so
 * a user's hello never waits behind a flood of hellos from another address.
 */
final class HandshakePool implements AutoCloseable {

	/** The refusals, as the {@code reason} label of chat_tls_handshakes_refused_total. */
	enum Refusal {

		QUEUE_FULL("queue_full"), ADDRESS_RATE("address_rate");

		private final String tag;

		Refusal(String tag) {
			this.tag = tag;
		}

	}

	private final ThreadPoolExecutor executor;

	private final int maxWaiting;

	private final AtomicInteger waiting = new AtomicInteger();

	/** Hellos waiting or running per client address; an address with none has no entry. */
	private final ConcurrentHashMap<String, Integer> waitingFrom = new ConcurrentHashMap<>();

	private final AtomicLong sequence = new AtomicLong();

	private final @Nullable AddressRates rates;

	private final @Nullable Counter queueFull;

	private final @Nullable Counter addressRate;

	/**
	 * @param rates new handshakes per client address, or null for no limit
	 */
	HandshakePool(int threads, int maxWaiting, @Nullable AddressRates rates, @Nullable MeterRegistry registry) {
		CustomizableThreadFactory factory = new CustomizableThreadFactory("chat-tls-");
		factory.setDaemon(true);
		// unbounded only for later steps of admitted handshakes, which are bounded by the open connections
		this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
				new PriorityBlockingQueue<>(), factory);
		this.maxWaiting = maxWaiting;
		this.rates = rates;
		this.queueFull = (registry != null) ? refusals(registry, Refusal.QUEUE_FULL) : null;
		this.addressRate = (registry != null) ? refusals(registry, Refusal.ADDRESS_RATE) : null;
	}

	private static Counter refusals(MeterRegistry registry, Refusal refusal) {
		return Counter.builder("chat.tls.handshakes.refused")
			.description("New TLS handshakes closed before any key exchange was computed: too many waiting for "
					+ "the handshake pool (queue_full) or too many from one address (address_rate)")
			.tag("reason", refusal.tag)
			.register(registry);
	}

	/**
	 * Runs one step of a handshake on the pool.
	 * @param first whether it is the connection's first (its ClientHello: the costly one)
	 * @throws HandshakeRefusedException when a first step finds the queue full
	 * @throws IOException when the pool is shut down
	 */
	void execute(String address, boolean first, Runnable step) throws IOException {
		Step task;
		if (first) {
			admitHello();
			String from = (address != null) ? address : "";
			int ahead = this.waitingFrom.merge(from, 1, Integer::sum) - 1;
			task = new Step(1 + ahead, this.sequence.incrementAndGet(), () -> {
				this.waiting.decrementAndGet();
				try {
					step.run();
				}
				finally {
					done(from);
				}
			});
		}
		else {
			task = new Step(0, this.sequence.incrementAndGet(), step);
		}
		try {
			this.executor.execute(task);
		}
		catch (RejectedExecutionException ex) {
			if (first) {
				this.waiting.decrementAndGet();
				done((address != null) ? address : "");
			}
			throw new IOException("the TLS handshake pool is shut down", ex);
		}
	}

	/** A hello was computed: one fewer from its address. */
	private void done(String address) {
		this.waitingFrom.computeIfPresent(address, (key, count) -> (count > 1) ? count - 1 : null);
	}

	/**
	 * A new TLS client from this address, before its first bytes are read.
	 * @throws HandshakeRefusedException when its address is over its rate
	 */
	void admitClient(String address) throws HandshakeRefusedException {
		if (this.rates != null && !this.rates.tryAcquire(address)) {
			count(this.addressRate);
			throw new HandshakeRefusedException(DisconnectReason.TOO_MANY_FROM_ADDRESS,
					"TLS handshakes from this address over chat.tcp.ssl.handshake-rate-per-address");
		}
	}

	private void admitHello() throws HandshakeRefusedException {
		if (this.waiting.incrementAndGet() > this.maxWaiting) {
			this.waiting.decrementAndGet();
			count(this.queueFull);
			throw new HandshakeRefusedException(DisconnectReason.SERVER_FULL,
					"TLS handshake queue full (chat.tcp.ssl.handshake-queue)");
		}
	}

	private static void count(@Nullable Counter counter) {
		if (counter != null) {
			counter.increment();
		}
	}

	/** New handshakes waiting for a thread now. */
	int waiting() {
		return this.waiting.get();
	}

	/**
	 * A step in the queue: lower rank first (0 finishes a handshake, 1 + n is a hello with n hellos of
	 * its address before it), then in order of arrival.
	 */
	private record Step(int rank, long sequence, Runnable work) implements Runnable, Comparable<Step> {

		@Override
		public void run() {
			this.work.run();
		}

		@Override
		public int compareTo(Step other) {
			int byRank = Integer.compare(this.rank, other.rank);
			return (byRank != 0) ? byRank : Long.compare(this.sequence, other.sequence);
		}

	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
