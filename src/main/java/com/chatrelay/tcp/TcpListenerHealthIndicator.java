package com.chatrelay.tcp;

import com.chatrelay.chat.ChatServer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Readiness of the chat port: UP while it listens and is not shutting down. Also exported as the
 * gauge {@code chat_ready} (1 or 0), so an alert can fire on it without kube-state-metrics.
 */
@Component("tcpListener")
class TcpListenerHealthIndicator extends AbstractHealthIndicator implements MeterBinder {

	private final AbstractServerConnectionFactory factory;

	private final ChatServer server;

	TcpListenerHealthIndicator(AbstractServerConnectionFactory factory, ChatServer server) {
		super("chat TCP listener check failed");
		this.factory = factory;
		this.server = server;
	}

	boolean isReady() {
		return this.factory.isListening() && !this.server.isShuttingDown();
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("port", this.factory.getPort());
		if (isReady()) {
			builder.up();
		}
		else {
			builder.down().withDetail("shuttingDown", this.server.isShuttingDown());
		}
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("chat.ready", this, (indicator) -> indicator.isReady() ? 1 : 0)
			.description("1 while the chat port listens and the relay is not shutting down")
			.register(registry);
	}

}
