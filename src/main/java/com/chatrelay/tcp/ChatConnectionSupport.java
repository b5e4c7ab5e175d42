package com.chatrelay.tcp;

import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

import com.chatrelay.chat.ChatMetrics;
import com.chatrelay.chat.ChatServer;
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
 * Makes each socket's {@link ChatNioConnection} for Spring Integration, and on its open and close
 * events ties it to the room: a {@link TcpClient} with its session, its {@link LineAdmission} and its
 * {@link InputEvents}. Holds no map of its own: the connection carries its links.
 */
class ChatConnectionSupport implements TcpNioConnectionSupport {

	private final ChatServer server;

	private final SelectorRound round;

	private final Deserializer<byte[]> lines;

	private final int maxLineLength;

	private final SlowConsumerRule slowConsumers;

	private final MessageChannel outbound;

	private final ScheduledExecutorService timer;

	private final Duration closingCheck;

	private final ChatMetrics metrics;

	private final @Nullable ChatTls tls;

	private final @Nullable ProxyProtocol proxyProtocol;

	private final QuietLog failures = new QuietLog(LogFactory.getLog(TcpClient.class), QuietLog.Detail.STACK_TRACE);

	ChatConnectionSupport(ChatServer server, SelectorRound round, Deserializer<byte[]> lines, int maxLineLength,
			SlowConsumerRule slowConsumers, MessageChannel outbound, ScheduledExecutorService timer,
			Duration closingCheck, ChatMetrics metrics, @Nullable ChatTls tls, @Nullable ProxyProtocol proxyProtocol) {
		this.server = server;
		this.round = round;
		this.lines = lines;
		this.maxLineLength = maxLineLength;
		this.slowConsumers = slowConsumers;
		this.outbound = outbound;
		this.timer = timer;
		this.closingCheck = closingCheck;
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
		if (!(event.getSource() instanceof ChatNioConnection connection)) {
			return;
		}
		TcpClient client = new TcpClient(connection, this.outbound, this.timer, this.closingCheck, this.failures);
		InputEvents events = new InputEvents(client, this.server, this.failures);
		connection.link(events, new LineAdmission(client, this.server, events, connection::getListener));
		if (!connection.awaitsProxyHeader()) { // else the room sees it once the header gave the client's address
			client.session(this.server.connected(client));
		}
		if (this.tls != null) {
			client.closeUnlessSecuredWithin(this.tls.handshakeTimeout(), events);
		}
	}

	@EventListener
	void closed(TcpConnectionCloseEvent event) {
		if (!(event.getSource() instanceof ChatNioConnection connection) || connection.client() == null) {
			return;
		}
		Session session = connection.client().session();
		if (session != null) {
			this.server.disconnected(session);
		}
	}

}
