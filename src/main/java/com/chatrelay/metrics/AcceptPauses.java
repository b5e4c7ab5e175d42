package com.chatrelay.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The one meter for listeners that stopped accepting because the process ran out of file
 * descriptors (EMFILE, ENFILE): {@code chat_accept_paused_total{listener}}, one series per
 * {@link Listener}. Whoever pauses a listener counts here: the chat port's accept loop and the
 * HTTP side's acceptor log filter. Registered up front, so every series shows 0 before the first pause.
 */
public final class AcceptPauses implements MeterBinder {

	/** The meter's name; Prometheus shows it as {@code chat_accept_paused_total}. */
	public static final String NAME = "chat.accept.paused";

	/** The listening sockets of the relay: a closed set, so the label stays bounded. */
	public enum Listener {

		/** The chat port ({@code chat.tcp.port}). */
		CHAT("chat"),
		/** The admin API and console ({@code server.port}). */
		HTTP("http"),
		/** The Actuator ({@code management.server.port}), when it has a port of its own. */
		MANAGEMENT("management");

		private final String tag;

		Listener(String tag) {
			this.tag = tag;
		}

		/** The value of the {@code listener} label. */
		public String tag() {
			return this.tag;
		}

	}

	/** The counter of one listener (the same instance for every caller of one registry). */
	public static Counter counter(MeterRegistry registry, Listener listener) {
		return Counter.builder(NAME)
			.description("Times a listener paused accepting because the process ran out of file descriptors "
					+ "(EMFILE or ENFILE), by listener")
			.tag("listener", listener.tag())
			.register(registry);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (Listener listener : Listener.values()) {
			counter(registry, listener);
		}
	}

}
