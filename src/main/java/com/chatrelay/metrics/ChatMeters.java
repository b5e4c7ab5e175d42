package com.chatrelay.metrics;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.chatrelay.chat.ChatMetrics;
import com.chatrelay.chat.DisconnectReason;
import com.chatrelay.chat.DropReason;
import com.chatrelay.chat.RoomLimit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The room's events as Micrometer meters, named so that Prometheus shows the names of the product
 * contract ({@code chat.messages.received} becomes {@code chat_messages_received_total}). Every
 * meter is created up front: the relay path only increments. No label grows with users.
 */
public class ChatMeters implements ChatMetrics {

	/** From a line read to its last delivery handed to the sockets (Prometheus: {@code chat_relay_latency_seconds}). */
	public static final String RELAY_LATENCY = "chat.relay.latency";

	private final Counter opened;

	private final Map<DisconnectReason, Counter> closed = new EnumMap<>(DisconnectReason.class);

	private final Counter throttled;

	private final Counter received;

	private final Counter delivered;

	private final Map<DropReason, Counter> dropped = new EnumMap<>(DropReason.class);

	private final Counter bytesReceived;

	private final Counter bytesSent;

	private final Map<RoomLimit, Counter> joinsRefused = new EnumMap<>(RoomLimit.class);

	private final Timer relayLatency;

	public ChatMeters(MeterRegistry registry) {
		this.opened = Counter.builder("chat.connections.opened").description("Connections accepted").register(registry);
		for (DisconnectReason reason : DisconnectReason.values()) {
			this.closed.put(reason, Counter.builder("chat.connections.closed")
				.description("Connections closed, by reason")
				.tag("reason", reason.tag())
				.register(registry));
		}
		this.throttled = Counter.builder("chat.connections.throttled")
			.description("Connections refused for their address's connection rate (closed as too_many_from_address)")
			.register(registry);
		this.received = Counter.builder("chat.messages.received")
			.description("Lines accepted from named users (chat and commands)")
			.register(registry);
		this.delivered = Counter.builder("chat.messages.delivered")
			.description("Lines queued to recipients")
			.register(registry);
		for (DropReason reason : DropReason.values()) {
			this.dropped.put(reason, Counter.builder("chat.messages.dropped")
				.description("Lines refused, by reason")
				.tag("reason", reason.tag())
				.register(registry));
		}
		this.bytesReceived = Counter.builder("chat.bytes.received").description("Bytes read from clients").register(registry);
		this.bytesSent = Counter.builder("chat.bytes.sent").description("Bytes written to clients").register(registry);
		for (RoomLimit limit : RoomLimit.values()) {
			this.joinsRefused.put(limit, Counter.builder("chat.rooms.joins.refused")
				.description("Joins refused by a room limit, by limit")
				.tag("limit", limit.tag())
				.register(registry));
		}
		this.relayLatency = Timer.builder(RELAY_LATENCY)
			.description("From a line read to its last delivery handed to the recipients' queues")
			.publishPercentileHistogram()
			// relaying takes microseconds; the default histogram starts at 1 ms and would see nothing
			.minimumExpectedValue(Duration.ofMillis(1).dividedBy(100))
			.maximumExpectedValue(Duration.ofSeconds(10))
			.register(registry);
	}

	@Override
	public void connectionOpened() {
		this.opened.increment();
	}

	@Override
	public void connectionClosed(DisconnectReason reason) {
		this.closed.get(reason).increment();
	}

	@Override
	public void connectionThrottled() {
		this.throttled.increment();
	}

	@Override
	public void lineReceived(long bytes) {
		this.bytesReceived.increment(bytes);
	}

	@Override
	public void messageReceived() {
		this.received.increment();
	}

	@Override
	public void delivered(int lines) {
		this.delivered.increment(lines);
	}

	@Override
	public void bytesSent(long bytes) {
		this.bytesSent.increment(bytes);
	}

	@Override
	public void messagesDropped(DropReason reason, int lines) {
		this.dropped.get(reason).increment(lines);
	}

	@Override
	public void roomJoinRefused(RoomLimit limit) {
		this.joinsRefused.get(limit).increment();
	}

	@Override
	public void relayLatency(long nanos) {
		this.relayLatency.record(nanos, TimeUnit.NANOSECONDS);
	}

}
