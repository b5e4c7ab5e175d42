package com.chatrelay.tcp;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.chatrelay.TcpProperties;
import com.chatrelay.chat.ChatLimits;
import com.chatrelay.chat.ChatServer;
import com.chatrelay.chat.Cluster;
import com.chatrelay.chat.ConnectionRate;
import com.chatrelay.chat.RoomSettings;
import com.chatrelay.metrics.ChatMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.dsl.context.IntegrationFlowContext.IntegrationFlowRegistration;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionServerListeningEvent;
import org.springframework.integration.ip.tcp.serializer.ByteArrayLfSerializer;

/**
 * A relay of its own on a free loopback port, for {@link RelayWarmUp}: a {@link ChatServer} with
 * its own meters, registry, sessions and disconnect log, and a chat port built by the same code and
 * of the same classes as the real one (so that what the JIT learns of the types on the path holds
 * for the real one), whose connection events go to its own connection support only, never to the
 * application's listeners. Closing it closes its port, its connections and its threads.
 */
final class PrivateRelay implements AutoCloseable {

	private final ChatServerConnectionFactory factory;

	private final ChatServer server;

	private final SocketWriter writer;

	private final MeterRegistry registry;

	private final List<IntegrationFlowRegistration> flows;

	private final CountDownLatch listening = new CountDownLatch(1);

	PrivateRelay(TcpProperties tcp, ChatLimits limits, ScheduledExecutorService timer,
			@Nullable MeterRegistry realRegistry, IntegrationFlowContext flowContext) {
		this.registry = (realRegistry instanceof PrometheusMeterRegistry) ? new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)
				: new SimpleMeterRegistry();
		ChatMeters metrics = new ChatMeters(this.registry);
		// the product's room defaults, not the operator's: one room per user would refuse the warm-up's room
		this.server = new ChatServer(unthrottled(limits), RoomSettings.defaults(), metrics, Cluster.STANDALONE,
				Clock.systemUTC(), System::nanoTime);
		this.writer = new SocketWriter(1);
		SelectorRound round = new SelectorRound(this.writer, timer, new WriteBacklog());
		ByteArrayLfSerializer lines = ChatTcpConfiguration.lineSerializer(tcp);
		ChatTcpConfiguration.UnmeteredDirectChannel outbound = new ChatTcpConfiguration.UnmeteredDirectChannel();
		ChatConnectionSupport support = ChatTcpConfiguration.connectionSupport(tcp, this.server, round, lines, outbound,
				timer, metrics, null, null);
		this.factory = new ChatServerConnectionFactory(0, round, new AcceptPause(timer, null));
		this.factory.setLocalAddress("127.0.0.1");
		ChatTcpConfiguration.configure(this.factory, tcp, lines, support);
		IntegrationFlowRegistration inbound = flowContext
			.registration(ChatTcpConfiguration.inboundFlow(this.factory, this.server))
			.addBean(this.factory) // a bean of the context, as the real factory is (its scheduler, its lifecycle)
			.autoStartup(false)
			.register();
		IntegrationFlowRegistration outboundFlow = flowContext
			.registration(ChatTcpConfiguration.outboundFlow(outbound, this.factory)).autoStartup(false).register();
		this.flows = List.of(inbound, outboundFlow);
		// after the registration, which hands the factory the application's publisher: its events are ours alone
		this.factory.setApplicationEventPublisher((event) -> {
			if (event instanceof TcpConnectionOpenEvent opened) {
				support.opened(opened);
			}
			else if (event instanceof TcpConnectionCloseEvent closed) {
				support.closed(closed);
			}
			else if (event instanceof TcpConnectionServerListeningEvent) {
				this.listening.countDown();
			}
		});
		outboundFlow.start();
		inbound.start();
	}

	/** The port it listens on, once it does (its selector thread binds it). */
	int awaitPort(long deadlineNanos) throws InterruptedException, TimeoutException {
		if (!this.listening.await(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS)
				|| !(this.factory.getServerSocketAddress() instanceof InetSocketAddress address)) {
			throw new TimeoutException("the private relay did not listen in time");
		}
		return address.getPort();
	}

	@Override
	public void close() {
		// the warm-up's clients have closed: once the selector has seen them go, stopping it races nothing
		this.server.awaitAllClosed(Duration.ofSeconds(1));
		this.flows.forEach(IntegrationFlowRegistration::destroy);
		this.factory.stop();
		this.writer.close();
		this.registry.close();
	}

	/** The same checks as the real server's, but never a refusal: the warm-up's three clients send as fast as they can. */
	private static ChatLimits unthrottled(ChatLimits limits) {
		return new ChatLimits(limits.maxLineLength(), Math.max(3, limits.maxConnections()), limits.handshakeTimeout(),
				limits.idleTimeout(), limits.rateLimitEnabled(), 1e9, 1_000_000, limits.quietAbove(), 0,
				ConnectionRate.OFF);
	}

}
