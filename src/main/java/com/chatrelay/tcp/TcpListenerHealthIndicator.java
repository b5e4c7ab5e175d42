package com.chatrelay.tcp;

import com.chatrelay.chat.ChatRoom;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.stereotype.Component;

/** Readiness of the chat port: UP while it listens and is not shutting down. */
@Component("tcpListener")
class TcpListenerHealthIndicator extends AbstractHealthIndicator {

	private final AbstractServerConnectionFactory factory;

	private final ChatRoom room;

	TcpListenerHealthIndicator(AbstractServerConnectionFactory factory, ChatRoom room) {
		super("chat TCP listener check failed");
		this.factory = factory;
		this.room = room;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("port", this.factory.getPort());
		if (this.factory.isListening() && !this.room.isShuttingDown()) {
			builder.up();
		}
		else {
			builder.down().withDetail("shuttingDown", this.room.isShuttingDown());
		}
	}

}
