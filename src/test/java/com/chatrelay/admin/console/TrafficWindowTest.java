package com.chatrelay.admin.console;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import com.chatrelay.chat.ChatMetrics;
import com.chatrelay.chat.ChatServer;
import com.chatrelay.metrics.ChatMeters;
import com.chatrelay.support.DefaultSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The console's live p99, read from the same histogram Prometheus scrapes, over the last seconds only. */
class TrafficWindowTest {

	private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

	private final ChatMeters meters = new ChatMeters(this.registry);

	private final AtomicLong nanos = new AtomicLong();

	private final TrafficWindow window = new TrafficWindow(
			new ChatServer(DefaultSettings.limits(), ChatMetrics.NONE), this.registry, this.nanos::get);

	@Test
	void theFirstPollHasNoBaseYet() {
		assertThat(this.window.rates()).isEqualTo(new TrafficWindow.Rates(null, null, null));
	}

	@Test
	void theP99CoversOnlyWhatWasRelayedSinceTheBase() {
		record(1000, Duration.ofSeconds(2)); // an old slow spell, before the window
		this.window.rates();
		this.nanos.addAndGet(Duration.ofSeconds(1).toNanos());
		record(990, Duration.ofNanos(50_000));
		record(10, Duration.ofMillis(20));
		Double p99 = this.window.rates().relayLatencyP99Seconds();
		assertThat(p99).as("the 990th of 1000 lies among the 50 µs ones").isCloseTo(50e-6, within(15e-6));
		this.nanos.addAndGet(Duration.ofSeconds(1).toNanos());
		record(100, Duration.ofMillis(20));
		assertThat(this.window.rates().relayLatencyP99Seconds()).as("now the 20 ms ones dominate the window")
			.isGreaterThan(0.005);
	}

	@Test
	void nothingRelayedMeansNoP99AndAnIdleBaseIsForgotten() {
		this.window.rates();
		this.nanos.addAndGet(Duration.ofSeconds(1).toNanos());
		assertThat(this.window.rates().relayLatencyP99Seconds()).isNull();
		this.nanos.addAndGet(TrafficWindow.STALE.plusSeconds(1).toNanos());
		assertThat(this.window.rates().messagesInPerSecond()).as("an hour-old base would show an average").isNull();
	}

	private void record(int times, Duration latency) {
		for (int i = 0; i < times; i++) {
			this.meters.relayLatency(latency.toNanos());
		}
	}

}
