package com.chatrelay.metrics;

import com.chatrelay.chat.ChatRoom;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/** Users online, open connections and their limit, read from the room when Prometheus scrapes. */
class ChatGauges implements MeterBinder {

	private final ChatRoom room;

	ChatGauges(ChatRoom room) {
		this.room = room;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("chat.users.online", this.room, ChatRoom::localUserCount)
			.description("Named users connected to this replica (sum over replicas for a cluster)")
			.register(registry);
		Gauge.builder("chat.connections.open", this.room, ChatRoom::openConnections)
			.description("Open chat connections, named or in the handshake")
			.register(registry);
		Gauge.builder("chat.connections.limit", this.room, (room) -> room.limits().maxConnections())
			.description("chat.tcp.max-connections: the open connections allowed")
			.register(registry);
		Gauge.builder("chat.connections.rate.addresses", this.room, ChatRoom::trackedAddresses)
			.description("Client addresses whose connection rate or shared send budget is remembered")
			.register(registry);
	}

}
