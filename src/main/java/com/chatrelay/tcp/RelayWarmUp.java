package com.chatrelay.tcp;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.chatrelay.ChatProperties;
import com.chatrelay.TcpProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.integration.dsl.context.IntegrationFlowContext;

/**
 * Runs the relay path hot before readiness turns UP ({@code chat.tcp.warm-up.*}). A freshly started
 * JVM interprets the path of a line, and at a user's pace (100 lines/s) the JIT takes minutes to
 * compile it: a fresh relay answered six times slower than a warm one. So, as the last step of the
 * start (Spring Boot turns readiness UP after its runners), a {@link PrivateRelay} carries
 * {@code lines} lines between three clients of its own ({@link WarmUpTraffic}); the JIT compiles
 * what that made hot in its own threads meanwhile and after. Users who connect meanwhile are served by the
 * real relay as usual; the private one is never seen by them, by the metrics or by the disconnect
 * log. Any failure, or the timeout, ends the warm-up with a warning: the relay starts anyway.
 */
final class RelayWarmUp implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(RelayWarmUp.class);

	private final ChatProperties properties;

	private final ScheduledExecutorService timer;

	private final @Nullable MeterRegistry registry;

	private final IntegrationFlowContext flows;

	RelayWarmUp(ChatProperties properties, ScheduledExecutorService timer, @Nullable MeterRegistry registry,
			IntegrationFlowContext flows) {
		this.properties = properties;
		this.timer = timer;
		this.registry = registry;
		this.flows = flows;
	}

	@Override
	public void run(ApplicationArguments args) {
		TcpProperties.WarmUp warmUp = this.properties.tcp().warmUp();
		if (!warmUp.enabled() || this.properties.cluster().enabled()) {
			// the private relay is standalone: on a replica the real path calls the cluster where the
			// warm-up's did not, and what the JIT compiled for the one slowed the other (docs/benchmark.md)
			return;
		}
		long start = System.nanoTime();
		long deadline = start + warmUp.timeout().toNanos();
		try (PrivateRelay relay = new PrivateRelay(this.properties.tcp(), this.properties.limits(), this.timer,
				this.registry, this.flows)) {
			new WarmUpTraffic(relay.awaitPort(deadline), deadline).carry(warmUp.lines());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		catch (Exception ex) {
			logger.warn("the relay path's warm-up stopped early (" + ex + "); the relay starts anyway, its first lines slower");
			return;
		}
		logger.info("warmed up the relay path: " + warmUp.lines() + " lines in "
				+ TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");
	}

}
