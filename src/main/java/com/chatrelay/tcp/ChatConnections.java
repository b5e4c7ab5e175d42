package com.chatrelay.tcp;

import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

import com.chatrelay.chat.ChatMetrics;
import com.chatrelay.chat.ChatRoom;
import com.chatrelay.chat.Session;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;
import org.springframework.integration.ip.tcp.connection.TcpNioConnection;
import org.springframework.integration.ip.tcp.connection.TcpNioConnectionSupport;

/**
 * The open connections of the chat port: creates them for Spring Integration, follows their open
 * and close events, and ties each to its session in the room.
 */
class ChatConnections implements TcpNioConnectionSupport {

	/** How long a line-too-long error may take to reach the socket before the connection closes. */
	private static final Duration LAST_WORDS_WAIT = Duration.ofSeconds(1);

	private final ChatRoom room;

	private final SocketWriter writer;

	private final ScheduledExecutorService timer;

	private final long outboundLimit;

	private final Duration closeLinger;

	private final ChatMetrics metrics;

	private final ConcurrentHashMap<String, TcpClientConnection> open = new ConcurrentHashMap<>();

	ChatConnections(ChatRoom room, SocketWriter writer, ScheduledExecutorService timer, long outboundLimit,
			Duration closeLinger, ChatMetrics metrics) {
		this.room = room;
		this.writer = writer;
		this.timer = timer;
		this.outboundLimit = outboundLimit;
		this.closeLinger = closeLinger;
		this.metrics = metrics;
	}

	@Override
	public TcpNioConnection createNewConnection(SocketChannel socketChannel, boolean server, boolean lookupHost,
			ApplicationEventPublisher publisher, String factoryName) {
		return new ChatNioConnection(socketChannel, server, lookupHost, publisher, factoryName, this::lineTooLong);
	}

	/** Spring Integration publishes this before the socket is read for the first time. */
	@EventListener
	void opened(TcpConnectionOpenEvent event) {
		if (!(event.getSource() instanceof ChatNioConnection nio)) {
			return;
		}
		TcpClientConnection connection = new TcpClientConnection(nio, nio.channel(), this.writer.assign(),
				this.outboundLimit, this.timer, this.closeLinger, this.metrics);
		this.open.put(connection.id(), connection);
		Session session = this.room.connected(connection);
		connection.session(session);
	}

	@EventListener
	void closed(TcpConnectionCloseEvent event) {
		TcpClientConnection connection = this.open.remove(event.getConnectionId());
		if (connection == null) {
			return;
		}
		connection.closed();
		Session session = connection.session();
		if (session != null) {
			this.room.disconnected(session);
		}
	}

	TcpClientConnection get(String connectionId) {
		return this.open.get(connectionId);
	}

	private void lineTooLong(ChatNioConnection nio) {
		TcpClientConnection connection = this.open.get(nio.getConnectionId());
		if (connection != null && connection.session() != null) {
			this.room.lineTooLong(connection.session());
			connection.awaitDrained(LAST_WORDS_WAIT);
		}
	}

}
