package com.chatrelay.tcp;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

import com.chatrelay.ChatProperties;
import com.chatrelay.TcpProperties;
import com.chatrelay.chat.ChatMetrics;
import com.chatrelay.chat.ChatServer;

import io.micrometer.core.instrument.MeterRegistry;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.TcpSendingMessageHandler;
import org.springframework.integration.ip.tcp.connection.TcpNioServerConnectionFactory;
import org.springframework.integration.ip.tcp.serializer.ByteArrayLfSerializer;
import org.springframework.integration.support.management.metrics.MetricsCaptor;
import org.springframework.messaging.MessageChannel;

/**
 * The chat port on Spring Integration. The stages of a line, in order (docs/architecture.md):
 * <ol>
 * <li>accept and select: {@link ChatServerConnectionFactory}, one {@code chat-selector} thread;</li>
 * <li>read: {@link ChatNioConnection} (after a {@link ProxyHeaderStage}, through a {@link TlsReader});</li>
 * <li>frame: {@link LineFramer} with the LF serializer ({@link #chatLineSerializer});</li>
 * <li>admit: {@link LineAdmission} (the rate limit, once per read);</li>
 * <li>inbound adapter, whose flow ends in the {@link ChatServerHandler}: the server routes the line
 * ({@link #chatInboundFlow});</li>
 * <li>the server offers it to each recipient's {@link TcpClient}: a message to the outbound adapter
 * ({@link #chatOutboundFlow}), serialized into the connection's {@link OutboundQueue};</li>
 * <li>write: the {@link SelectorRound}'s end, or a {@link SocketWriter} loop for a full socket.</li>
 * </ol>
 */
@Configuration(proxyBeanMethods = false)
class ChatTcpConfiguration {

	/** How often a closing connection is checked for progress in writing its last lines. */
	private static final Duration CLOSING_CHECK_INTERVAL = Duration.ofSeconds(2);

	/** Pending connections the kernel holds while the selector accepts: bursts of logins are normal. */
	private static final int ACCEPT_BACKLOG = 4096;

	@Bean(destroyMethod = "close")
	SocketWriter socketWriter() {
		return new SocketWriter(Math.max(1, Runtime.getRuntime().availableProcessors()));
	}

	@Bean
	SelectorRound selectorRound(SocketWriter socketWriter, ScheduledExecutorService chatTimer) {
		return new SelectorRound(socketWriter, chatTimer, new WriteBacklog());
	}

	@Bean
	ByteArrayLfSerializer chatLineSerializer(ChatProperties properties) {
		return lineSerializer(properties.tcp());
	}

	/** Lines in and out; it fails at max bytes without an LF, so max-line-length + 1 allows exactly the limit. */
	static ByteArrayLfSerializer lineSerializer(TcpProperties tcp) {
		ByteArrayLfSerializer lines = new ByteArrayLfSerializer();
		lines.setMaxMessageSize(tcp.maxLineLength() + 1);
		// a pooled working buffer, not a new max-line-length array per line; only the selector thread
		// deserializes (LineFramer), so the pool holds one buffer however large the limit
		lines.setPoolSize(-1);
		return lines;
	}

	/** Where the server's lines to a client go: the outbound adapter's input. */
	@Bean
	MessageChannel chatOutbound() {
		return new UnmeteredDirectChannel();
	}

	@Bean
	ChatConnectionSupport chatConnectionSupport(ChatServer server, SelectorRound selectorRound,
			ByteArrayLfSerializer chatLineSerializer,
			MessageChannel chatOutbound, ScheduledExecutorService chatTimer, ChatProperties properties,
			ObjectProvider<ChatMetrics> metrics, ObjectProvider<ChatTls> chatTls, ObjectProvider<MeterRegistry> registry) {
		TcpProperties.ProxyProtocol proxy = properties.tcp().proxyProtocol();
		// PROXY protocol headers from the trusted proxies, when chat.tcp.proxy-protocol.enabled
		ProxyProtocol proxyProtocol = proxy.enabled()
				? new ProxyProtocol(proxy.trustedRanges(), properties.tcp().proxyHeaderTimeout(), registry.getIfAvailable()) : null;
		return connectionSupport(properties.tcp(), server, selectorRound, chatLineSerializer, chatOutbound, chatTimer,
				metrics.getIfAvailable(() -> ChatMetrics.NONE), chatTls.getIfAvailable(), proxyProtocol);
	}

	/** The connections of a chat port: of the real one, and of the warm-up's private one ({@link RelayWarmUp}). */
	static ChatConnectionSupport connectionSupport(TcpProperties tcp, ChatServer server, SelectorRound selectorRound,
			ByteArrayLfSerializer lines, MessageChannel outbound, ScheduledExecutorService timer, ChatMetrics metrics,
			@Nullable ChatTls tls, @Nullable ProxyProtocol proxyProtocol) {
		return new ChatConnectionSupport(server, selectorRound, lines, tcp.maxLineLength(),
				SlowConsumerRule.of(tcp.outboundBuffer().toBytes(), tcp.slowConsumerGrace()), outbound, timer,
				CLOSING_CHECK_INTERVAL, metrics, tls, proxyProtocol);
	}

	/** TLS on the chat port, when {@code chat.tcp.ssl.bundle} names a Spring Boot SSL bundle. */
	@Bean(destroyMethod = "close")
	@ConditionalOnProperty(prefix = "chat.tcp.ssl", name = "bundle")
	ChatTls chatTls(ChatProperties properties, SslBundles sslBundles, ObjectProvider<MeterRegistry> registry) {
		return new ChatTls(sslBundles, properties.tcp().ssl(), registry.getIfAvailable());
	}

	@Bean
	TcpNioServerConnectionFactory chatConnectionFactory(ChatProperties properties, SelectorRound selectorRound,
			ByteArrayLfSerializer chatLineSerializer, ChatConnectionSupport connectionSupport,
			ScheduledExecutorService chatTimer,
			ObjectProvider<MeterRegistry> registry) {
		TcpProperties tcp = properties.tcp();
		TcpNioServerConnectionFactory factory = new ChatServerConnectionFactory(tcp.port(), selectorRound,
				new AcceptPause(chatTimer, registry.getIfAvailable()));
		factory.setLocalAddress(tcp.host());
		configure(factory, tcp, chatLineSerializer, connectionSupport);
		return factory;
	}

	/** What the real chat port and the warm-up's private one have in common. */
	static void configure(TcpNioServerConnectionFactory factory, TcpProperties tcp, ByteArrayLfSerializer chatLineSerializer,
			ChatConnectionSupport connectionSupport) {
		factory.setDeserializer(chatLineSerializer);
		factory.setSerializer(chatLineSerializer);
		factory.setTcpNioConnectionSupport(connectionSupport);
		factory.setLookupHost(false);
		factory.setSoTcpNoDelay(true);
		factory.setSoSendBufferSize(socketSendBuffer(tcp));
		factory.setBacklog(ACCEPT_BACKLOG);
	}

	/**
	 * The kernel holds at most an eighth of the outbound buffer: data a client does not read must
	 * wait where the outbound buffer can see it, not vanish into a send buffer as large as the limit.
	 */
	static int socketSendBuffer(TcpProperties tcp) {
		long eighth = tcp.outboundBuffer().toBytes() / 8;
		return (int) Math.max(4096, Math.min(tcp.socketSendBuffer().toBytes(), eighth));
	}

	@Bean
	IntegrationFlow chatInboundFlow(TcpNioServerConnectionFactory chatConnectionFactory, ChatServer server) {
		return inboundFlow(chatConnectionFactory, server);
	}

	static IntegrationFlow inboundFlow(TcpNioServerConnectionFactory connectionFactory, ChatServer server) {
		return IntegrationFlow.from(Tcp.inboundAdapter(connectionFactory)).handle(new ChatServerHandler(server)).get();
	}

	@Bean
	IntegrationFlow chatOutboundFlow(MessageChannel chatOutbound, TcpNioServerConnectionFactory chatConnectionFactory) {
		return outboundFlow(chatOutbound, chatConnectionFactory);
	}

	static IntegrationFlow outboundFlow(MessageChannel outbound, TcpNioServerConnectionFactory connectionFactory) {
		TcpSendingMessageHandler adapter = new UnmeteredSendingHandler();
		adapter.setConnectionFactory(connectionFactory);
		return IntegrationFlow.from(outbound).handle(adapter).get();
	}

	/**
	 * Spring Integration times every send of a metered channel and handler; on a path that carries
	 * one message per recipient of every line, those timers cost more than the delivery itself.
	 * The relay's own meters (chat_messages_delivered_total, chat_bytes_sent_total) count it.
	 */
	static final class UnmeteredDirectChannel extends DirectChannel {

		UnmeteredDirectChannel() {
			setLoggingEnabled(false); // no per-message debug check either
		}

		@Override
		public void registerMetricsCaptor(MetricsCaptor captor) {
		}

	}

	/** The outbound adapter, unmetered for the same reason as {@link UnmeteredDirectChannel}. */
	static final class UnmeteredSendingHandler extends TcpSendingMessageHandler {

		UnmeteredSendingHandler() {
			setLoggingEnabled(false);
		}

		@Override
		public void registerMetricsCaptor(MetricsCaptor captor) {
		}

	}

	/** Before readiness turns UP, the relay path run hot on a private port (chat.tcp.warm-up.*). */
	@Bean
	RelayWarmUp relayWarmUp(ChatProperties properties, ScheduledExecutorService chatTimer,
			ObjectProvider<MeterRegistry> registry, IntegrationFlowContext flows) {
		return new RelayWarmUp(properties, chatTimer, registry.getIfAvailable(), flows);
	}

	@Bean
	ChatShutdown chatShutdown(ChatServer server, TcpNioServerConnectionFactory chatConnectionFactory,
			ApplicationEventPublisher publisher) {
		return new ChatShutdown(server, chatConnectionFactory, publisher);
	}

}
