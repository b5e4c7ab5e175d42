package com.chatrelay.tcp;

import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

import com.chatrelay.chat.ChatMetrics;
import com.chatrelay.chat.ChatRoom;
import com.chatrelay.chat.Session;
import com.chatrelay.logging.QuietLog;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.serializer.Deserializer;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;
import org.springframework.integration.ip.tcp.connection.TcpNioConnection;
import org.springframework.integration.ip.tcp.connection.TcpNioConnectionSupport;
import org.springframework.messaging.MessageChannel;

/**
 * The open connections of the chat port: creates them for Spring Integration, follows their open
 * and close events, and ties each to its session in the room.
 */
class ChatConnections implements TcpNioConnectionSupport {

	private final ChatRoom room;

	private final SelectorRound round;

	private final Deserializer<byte[]> lines;

	private final int maxLineLength;

	private final SlowConsumerRule slowConsumers;

	private final MessageChannel outbound;

	private final ScheduledExecutorService timer;

	private final Duration closeLinger;

	private final ChatMetrics metrics;

	private final @Nullable ChatTls tls;

	private final @Nullable ProxyProtocol proxyProtocol;

	private final QuietLog failures = new QuietLog(LogFactory.getLog(TcpChatConnection.class), QuietLog.Detail.STACK_TRACE);

	private final ConcurrentHashMap<String, TcpChatConnection> open = new ConcurrentHashMap<>();

	ChatConnections(ChatRoom room, SelectorRound round, Deserializer<byte[]> lines, int maxLineLength,
			SlowConsumerRule slowConsumers, MessageChannel outbound, ScheduledExecutorService timer, Duration closeLinger,
			ChatMetrics metrics, @Nullable ChatTls tls, @Nullable ProxyProtocol proxyProtocol) {
		this.room = room;
		this.round = round;
		this.lines = lines;
		this.maxLineLength = maxLineLength;
		this.slowConsumers = slowConsumers;
		this.outbound = outbound;
		this.timer = timer;
		this.closeLinger = closeLinger;
		this.metrics = metrics;
		this.tls = tls;
		this.proxyProtocol = proxyProtocol;
	}

	@Override
	public TcpNioConnection createNewConnection(SocketChannel socketChannel, boolean server, boolean lookupHost,
			ApplicationEventPublisher publisher, String factoryName) {
		return new ChatNioConnection(socketChannel, publisher, factoryName, this.round,
				new LineFramer(this.lines, this.maxLineLength), this.slowConsumers, this.metrics::bytesSent, this.timer,
				this.tls, (this.proxyProtocol != null) ? this.proxyProtocol.readerFor(socketChannel) : null);
	}

	/** Spring Integration publishes this on the selector thread, before the socket is first read. */
	@EventListener
	void opened(TcpConnectionOpenEvent event) {
		if (!(event.getSource() instanceof ChatNioConnection nio)) {
			return;
		}
		TcpChatConnection connection = new TcpChatConnection(nio, this.room, this.outbound, this.timer,
				this.closeLinger, this.failures);
		this.open.put(connection.id(), connection);
		nio.input(connection);
		if (!nio.awaitsProxyHeader()) { // else the room sees it once the header gave the client's address
			connection.session(this.room.connected(connection));
		}
		if (this.tls != null) {
			connection.closeUnlessSecuredWithin(this.tls.handshakeTimeout());
		}
	}

	@EventListener
	void closed(TcpConnectionCloseEvent event) {
		TcpChatConnection connection = this.open.remove(event.getConnectionId());
		if (connection == null) {
			return;
		}
		Session session = connection.session();
		if (session != null) {
			this.room.disconnected(session);
		}
	}

	TcpChatConnection get(String connectionId) {
		return this.open.get(connectionId);
	}

}
