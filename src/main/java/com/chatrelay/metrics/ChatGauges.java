package com.chatrelay.metrics;

import com.chatrelay.chat.ChatServer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/** Users online, open connections and their limit, occupied rooms, read from the chat service when Prometheus scrapes. */
class ChatGauges implements MeterBinder {

	private final ChatServer server;

	ChatGauges(ChatServer server) {
		this.server = server;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("chat.users.online", this.server, ChatServer::localUserCount)
			.description("Named users connected to this replica (sum over replicas for a cluster)")
			.register(registry);
		Gauge.builder("chat.connections.open", this.server, ChatServer::openConnections)
			.description("Open chat connections, named or in the handshake")
			.register(registry);
		Gauge.builder("chat.connections.limit", this.server, (server) -> server.limits().maxConnections())
			.description("chat.tcp.max-connections: the open connections allowed")
			.register(registry);
		Gauge.builder("chat.rooms", this.server, ChatServer::occupiedRooms)
			.description("Rooms with at least one member on this replica")
			.register(registry);
		Gauge.builder("chat.connections.rate.addresses", this.server, ChatServer::trackedAddresses)
			.description("Client addresses whose connection rate or shared send budget is remembered")
			.register(registry);
	}

}
