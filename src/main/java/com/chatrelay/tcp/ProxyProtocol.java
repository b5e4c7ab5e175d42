package com.chatrelay.tcp;

import java.net.InetAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.chatrelay.chat.AddressRange;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The PROXY protocol on the chat port ({@code chat.tcp.proxy-protocol.*}): which peers are trusted
 * proxies whose connections start with a header, how long that header may take, and the count of
 * headers by outcome ({@code chat_proxy_headers_total{outcome}}).
 */
final class ProxyProtocol {

	private final List<AddressRange> trusted;

	private final Duration headerTimeout;

	private final Map<ProxyHeaderReader.Outcome, Counter> outcomes = new EnumMap<>(ProxyHeaderReader.Outcome.class);

	ProxyProtocol(List<AddressRange> trusted, Duration headerTimeout, @Nullable MeterRegistry registry) {
		this.trusted = List.copyOf(trusted);
		this.headerTimeout = headerTimeout;
		if (registry != null) {
			for (ProxyHeaderReader.Outcome outcome : ProxyHeaderReader.Outcome.values()) {
				this.outcomes.put(outcome, Counter.builder("chat.proxy.headers")
					.description("PROXY protocol headers of trusted proxies' connections, by how they ended")
					.tag("outcome", outcome.tag())
					.register(registry));
			}
		}
	}

	/**
	 * The header reader for a new connection, or null for a direct client (whose bytes are chat,
	 * a PROXY line included).
	 */
	@Nullable ProxyHeaderReader readerFor(SocketChannel channel) {
		InetAddress peer = channel.socket().getInetAddress();
		if (peer == null || !isTrusted(peer.getHostAddress())) {
			return null;
		}
		return new ProxyHeaderReader(this.headerTimeout, this::counted);
	}

	private boolean isTrusted(String host) {
		for (AddressRange range : this.trusted) {
			if (range.contains(host)) {
				return true;
			}
		}
		return false;
	}

	private void counted(ProxyHeaderReader.Outcome outcome) {
		Counter counter = this.outcomes.get(outcome);
		if (counter != null) {
			counter.increment();
		}
	}

}
