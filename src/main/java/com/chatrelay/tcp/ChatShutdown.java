package com.chatrelay.tcp;

import java.time.Duration;

import com.chatrelay.chat.ChatServer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * Graceful stop of the chat port, before Spring Integration closes it: readiness goes DOWN, new
 * connections are refused, every user is told, queues are flushed, connections closed.
 */
class ChatShutdown implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ChatShutdown.class);

	/** How long users' queues get to drain; well inside Kubernetes' default 30 s grace period. */
	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

	private final ChatServer server;

	private final AbstractServerConnectionFactory factory;

	private final ApplicationEventPublisher publisher;

	private volatile boolean running;

	ChatShutdown(ChatServer server, AbstractServerConnectionFactory factory, ApplicationEventPublisher publisher) {
		this.server = server;
		this.factory = factory;
		this.publisher = publisher;
	}

	@Override
	public void start() {
		this.server.resume();
		this.running = true;
		logger.debug("chat relay listening on TCP port " + this.factory.getPort()); // StartupSummary says it at INFO
	}

	@Override
	public void stop() {
		AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.REFUSING_TRAFFIC);
		int users = this.server.openConnections();
		this.server.shutdown();
		this.server.awaitAllClosed(DRAIN_TIMEOUT);
		logger.info("chat relay stopped: " + users + " connection(s) closed, "
				+ this.server.openConnections() + " left open");
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Stops before the inbound adapter and connection factory (lower phases stop later). */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 100;
	}

}
