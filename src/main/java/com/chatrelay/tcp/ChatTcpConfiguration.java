package com.chatrelay.tcp;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.chatrelay.ChatProperties;
import com.chatrelay.chat.ChatMetrics;
import com.chatrelay.chat.ChatRoom;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.TcpMessageMapper;
import org.springframework.integration.ip.tcp.connection.TcpNioServerConnectionFactory;
import org.springframework.integration.ip.tcp.serializer.ByteArrayLfSerializer;

/**
 * The chat port on Spring Integration: a NIO server connection factory framing lines with the LF
 * serializer, and an inbound adapter whose flow ends in the room.
 */
@Configuration(proxyBeanMethods = false)
class ChatTcpConfiguration {

	/** Time a closing connection gets to write its last lines. */
	private static final Duration CLOSE_LINGER = Duration.ofSeconds(2);

	/** How long an idle reader thread is kept. */
	private static final Duration READER_KEEP_ALIVE = Duration.ofSeconds(10);

	/** Pending connections the kernel holds while the selector accepts: bursts of logins are normal. */
	private static final int ACCEPT_BACKLOG = 4096;

	@Bean(destroyMethod = "close")
	SocketWriter socketWriter() {
		return new SocketWriter(Math.max(1, Runtime.getRuntime().availableProcessors()));
	}

	@Bean
	ChatConnections chatConnections(ChatRoom room, SocketWriter writer, ScheduledExecutorService chatTimer,
			ChatProperties properties, ObjectProvider<ChatMetrics> metrics) {
		return new ChatConnections(room, writer, chatTimer, properties.tcp().outboundBuffer().toBytes(),
				CLOSE_LINGER, metrics.getIfAvailable(() -> ChatMetrics.NONE));
	}

	@Bean
	TcpNioServerConnectionFactory chatConnectionFactory(ChatProperties properties, ChatConnections connections) {
		ChatProperties.Tcp tcp = properties.tcp();
		TcpNioServerConnectionFactory factory = new ChatServerConnectionFactory(tcp.port());
		factory.setLocalAddress(tcp.host());
		ByteArrayLfSerializer lines = new ByteArrayLfSerializer();
		// the serializer fails when it has read max bytes without an LF; allow exactly max-line-length
		lines.setMaxMessageSize(tcp.maxLineLength() + 1);
		factory.setDeserializer(lines);
		factory.setSerializer(lines);
		TcpMessageMapper mapper = new TcpMessageMapper();
		mapper.setApplySequence(true); // lets InboundLines restore each sender's order
		factory.setMapper(mapper);
		factory.setTcpNioConnectionSupport(connections);
		factory.setLookupHost(false);
		factory.setSoTcpNoDelay(true);
		factory.setBacklog(ACCEPT_BACKLOG);
		factory.setTaskExecutor(readerThreads());
		return factory;
	}

	@Bean
	IntegrationFlow chatInboundFlow(TcpNioServerConnectionFactory chatConnectionFactory, ChatConnections connections,
			ChatRoom room) {
		return IntegrationFlow.from(Tcp.inboundAdapter(chatConnectionFactory))
			.handle(new InboundLines(connections, room))
			.get();
	}

	@Bean
	ChatShutdown chatShutdown(ChatRoom room, TcpNioServerConnectionFactory chatConnectionFactory,
			ApplicationEventPublisher publisher) {
		return new ChatShutdown(room, chatConnectionFactory, publisher);
	}

	/**
	 * Spring Integration assembles lines on these; a connection holds one only while it has unread
	 * bytes, so the pool grows with bursts (a wave of logins) and shrinks again when idle.
	 */
	private static ExecutorService readerThreads() {
		AtomicInteger count = new AtomicInteger();
		return new ThreadPoolExecutor(0, Integer.MAX_VALUE, READER_KEEP_ALIVE.toSeconds(), TimeUnit.SECONDS,
				new SynchronousQueue<>(), (task) -> {
					Thread thread = new Thread(task, "chat-reader-" + count.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
	}

}
