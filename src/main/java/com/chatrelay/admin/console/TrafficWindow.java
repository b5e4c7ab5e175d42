package com.chatrelay.admin.console;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import com.chatrelay.chat.ChatServer;
import com.chatrelay.chat.RoomStats;
import com.chatrelay.metrics.ChatMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The console's live figures: messages in and delivered per second and the relay latency p99 over the
 * last few seconds, from the room's counters and the {@code chat.relay.latency} histogram (the one
 * Prometheus scrapes). Sampled when the console asks, not on a timer: nobody watching costs nothing.
 */
@Component
class TrafficWindow {

	/** The rates and the p99 cover about this much time (between it and it plus one poll). */
	static final Duration WINDOW = Duration.ofSeconds(5);

	/** Polls closer together than this reuse the last sample instead of keeping another one. */
	static final Duration MIN_SPACING = Duration.ofMillis(200);

	/** A last sample older than this (nobody watched for a while) is no base for a live figure. */
	static final Duration STALE = WINDOW.multipliedBy(3);

	private final ChatServer server;

	private final MeterRegistry registry;

	private final LongSupplier nanoTime;

	// guarded by itself
	private final ArrayDeque<Sample> samples = new ArrayDeque<>();

	@Autowired
	TrafficWindow(ChatServer server, MeterRegistry registry) {
		this(server, registry, System::nanoTime);
	}

	TrafficWindow(ChatServer server, MeterRegistry registry, LongSupplier nanoTime) {
		this.server = server;
		this.registry = registry;
		this.nanoTime = nanoTime;
	}

	/** The figures now; each is null until two samples lie far enough apart (the first poll). */
	Rates rates() {
		Sample now = sample();
		Sample base;
		synchronized (this.samples) {
			while (!this.samples.isEmpty() && age(this.samples.peekFirst(), now) > STALE.toNanos()) {
				this.samples.removeFirst();
			}
			// the base: the newest sample at least WINDOW old, or the oldest one there is
			while (this.samples.size() > 1 && age(secondOf(this.samples), now) >= WINDOW.toNanos()) {
				this.samples.removeFirst();
			}
			base = this.samples.peekFirst();
			Sample last = this.samples.peekLast();
			if (last == null || age(last, now) >= MIN_SPACING.toNanos()) {
				this.samples.addLast(now);
			}
		}
		if (base == null || age(base, now) < MIN_SPACING.toNanos()) {
			return new Rates(null, null, null);
		}
		double seconds = age(base, now) / 1e9;
		return new Rates((now.messagesIn - base.messagesIn) / seconds,
				(now.messagesDelivered - base.messagesDelivered) / seconds, quantile(0.99, base, now));
	}

	private Sample sample() {
		RoomStats stats = this.server.stats();
		Timer latency = this.registry.find(ChatMeters.RELAY_LATENCY).timer();
		CountAtBucket[] buckets = (latency != null) ? latency.takeSnapshot().histogramCounts() : new CountAtBucket[0];
		double[] bounds = new double[buckets.length];
		double[] counts = new double[buckets.length];
		for (int i = 0; i < buckets.length; i++) {
			bounds[i] = buckets[i].bucket(TimeUnit.SECONDS);
			counts[i] = buckets[i].count();
		}
		return new Sample(this.nanoTime.getAsLong(), stats.messagesIn(), stats.messagesDelivered(), bounds, counts);
	}

	/**
	 * The quantile of the latencies recorded between two samples, interpolated inside its bucket as
	 * Prometheus's {@code histogram_quantile} does; null when nothing was relayed in between.
	 * The counts are cumulative (events at or under each bound), as Micrometer keeps them for Prometheus.
	 */
	static Double quantile(double q, Sample base, Sample now) {
		int n = now.bounds.length;
		if (n == 0 || base.bounds.length != n) {
			return null;
		}
		double total = now.counts[n - 1] - base.counts[n - 1];
		if (total <= 0) {
			return null;
		}
		double rank = q * total;
		double below = 0;
		for (int i = 0; i < n; i++) {
			double upTo = now.counts[i] - base.counts[i];
			if (upTo >= rank) {
				double lower = (i == 0) ? 0 : now.bounds[i - 1];
				double inBucket = upTo - below;
				return lower + (now.bounds[i] - lower) * ((inBucket > 0) ? (rank - below) / inBucket : 1);
			}
			below = upTo;
		}
		return now.bounds[n - 1];
	}

	private static long age(Sample sample, Sample now) {
		return now.nanos - sample.nanos;
	}

	private static Sample secondOf(ArrayDeque<Sample> samples) {
		var it = samples.iterator();
		it.next();
		return it.next();
	}

	/** Counters and latency histogram at one moment. */
	record Sample(long nanos, long messagesIn, long messagesDelivered, double[] bounds, double[] counts) {
	}

	/**
	 * The console's live figures.
	 * @param messagesInPerSecond lines accepted from users per second
	 * @param deliveredPerSecond lines queued to recipients per second
	 * @param relayLatencyP99Seconds 99th percentile of the relay latency; null when nothing was relayed
	 */
	record Rates(Double messagesInPerSecond, Double deliveredPerSecond, Double relayLatencyP99Seconds) {
	}

}
