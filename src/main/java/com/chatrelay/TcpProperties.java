package com.chatrelay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.chatrelay.chat.AddressRange;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The chat socket ({@code chat.tcp.*}): its address, its limits, TLS, the PROXY protocol and the
 * connection rate per address.
 * @param host address the chat port listens on
 * @param port chat port; {@code 0} picks a free one
 * @param maxLineLength bytes of one line before its LF (a CR counts)
 * @param maxConnections open connections, named or still in the handshake
 * @param outboundBuffer bytes waiting for a client whose socket refuses them before the client is
 * dropped as a slow consumer (data the relay has not yet offered to the socket does not count; a
 * plain number means bytes)
 * @param slowConsumerGrace how long a client's socket may take nothing, with more than the
 * outbound buffer waiting for it, before the client is dropped as a slow consumer (0 to 60s)
 * @param handshakeTimeout time to send an acceptable name
 * @param idleTimeout silence after which a user is disconnected; {@code 0} turns it off
 * @param socketSendBuffer the kernel's send buffer per connection (SO_SNDBUF, 4KB to 16MB); left to
 * the kernel, loopback and LAN sockets grow it to megabytes, which would hide a client that does
 * not read from the outbound-buffer limit and hold its last lines long after a close
 * @param maxConnectionsPerAddress open connections from one client address; past it a new one gets
 * {@code [SERVER] error: too many connections from your address} and is closed; {@code 0} turns it off
 * @param descriptorReserve file descriptors kept for everything but chat connections (the JVM's
 * own files, HTTP and management connections, Redis): when max-connections plus this does not fit
 * in the process's descriptor limit, the relay lowers its connection limit to what fits
 * @param ssl TLS on the chat port
 * @param proxyProtocol PROXY protocol headers from trusted load balancers
 * @param connectionRate short-lived connections per client address
 * @param warmUp the relay path run hot before readiness turns UP
 */
public record TcpProperties(@DefaultValue("0.0.0.0") @NotBlank String host,
		@DefaultValue("5555") @Min(0) @Max(65535) int port,
		@DefaultValue("4096") @Min(16) @Max(16 * 1024 * 1024) int maxLineLength,
		@DefaultValue("10000") @Positive int maxConnections,
		@DefaultValue("1MB") @NotNull DataSize outboundBuffer,
		@DefaultValue("2s") @NotNull Duration slowConsumerGrace,
		@DefaultValue("60s") @NotNull Duration handshakeTimeout,
		@DefaultValue("0") @NotNull Duration idleTimeout,
		@DefaultValue("128KB") @NotNull DataSize socketSendBuffer,
		@DefaultValue("0") @Min(0) int maxConnectionsPerAddress,
		@DefaultValue("256") @Min(0) int descriptorReserve,
		@Valid @DefaultValue Ssl ssl,
		@Valid @DefaultValue ProxyProtocol proxyProtocol, @Valid @DefaultValue ConnectionRate connectionRate,
		@Valid @DefaultValue WarmUp warmUp) {

	@AssertTrue(message = "chat.tcp.outbound-buffer must be at least 1KB")
	public boolean isOutboundBufferValid() {
		return this.outboundBuffer == null || this.outboundBuffer.toBytes() >= 1024;
	}

	@AssertTrue(message = "chat.tcp.socket-send-buffer must be between 4KB and 16MB")
	public boolean isSocketSendBufferValid() {
		return this.socketSendBuffer == null
				|| (this.socketSendBuffer.toBytes() >= 4096 && this.socketSendBuffer.toBytes() <= 16L * 1024 * 1024);
	}

	@AssertTrue(message = "chat.tcp.slow-consumer-grace must be between 0 and 60s")
	public boolean isSlowConsumerGraceValid() {
		return this.slowConsumerGrace == null
				|| (!this.slowConsumerGrace.isNegative() && this.slowConsumerGrace.toSeconds() <= 60);
	}

	@AssertTrue(message = "chat.tcp.handshake-timeout must be positive")
	public boolean isHandshakeTimeoutValid() {
		return this.handshakeTimeout == null || (!this.handshakeTimeout.isNegative() && !this.handshakeTimeout.isZero());
	}

	/** The PROXY header's deadline: its own timeout, and never longer than the handshake's. */
	public Duration proxyHeaderTimeout() {
		Duration header = this.proxyProtocol.headerTimeout();
		return (header.compareTo(this.handshakeTimeout) <= 0) ? header : this.handshakeTimeout;
	}

	@AssertTrue(message = "chat.tcp.idle-timeout must be zero (off) or positive")
	public boolean isIdleTimeoutValid() {
		return this.idleTimeout == null || !this.idleTimeout.isNegative();
	}

	/**
	 * Short-lived connections per client address (an IPv6 client counts by its /64): a token bucket, so
	 * that one address reconnecting in a loop cannot flood the room with joins, leaves and fresh bursts.
	 * While on, the sessions of an address also share their send-rate budget across reconnects.
	 * @param enabled whether the connection rate and the shared send budget apply
	 * @param perSecond steady rate of short-lived connections (closed within 10 s) per address; a
	 * decimal is fine
	 * @param burst short-lived connections an address may make at once (a NAT'd office reconnecting
	 * after a restart)
	 * @param exempt addresses and CIDR blocks it does not apply to (trusted proxies, monitoring)
	 * @param trackedAddresses addresses remembered at once, at most (100 to 10,000,000); past it the
	 * one seen longest ago is forgotten
	 */
	public record ConnectionRate(@DefaultValue("true") boolean enabled, @DefaultValue("1") @Positive double perSecond,
			@DefaultValue("30") @Positive int burst, @DefaultValue List<String> exempt,
			@DefaultValue("10000") @Min(100) @Max(10_000_000) int trackedAddresses) {

		@AssertTrue(message = "chat.tcp.connection-rate.exempt must be IPv4 or IPv6 addresses or CIDR blocks (203.0.113.0/24, 2001:db8::/32)")
		public boolean isExemptValid() {
			try {
				ranges();
				return true;
			}
			catch (IllegalArgumentException ex) {
				return false;
			}
		}

		com.chatrelay.chat.ConnectionRate limits() {
			return new com.chatrelay.chat.ConnectionRate(this.enabled, this.perSecond, this.burst, ranges(),
					this.trackedAddresses);
		}

		private List<AddressRange> ranges() {
			List<AddressRange> ranges = new ArrayList<>();
			for (String block : (this.exempt != null) ? this.exempt : List.<String>of()) {
				ranges.add(AddressRange.parse(block));
			}
			return ranges;
		}

	}

	/**
	 * TLS on the chat port.
	 * @param bundle the Spring Boot SSL bundle ({@code spring.ssl.bundle.*}) whose key and certificate
	 * the chat port presents; unset for plain TCP
	 * @param handshakeTimeout time a client has to finish its TLS handshake, after which it is closed
	 * (reason {@code handshake_timeout}); the name's own handshake-timeout runs beside it
	 * @param handshakeQueue new TLS handshakes waiting for the handshake pool; past it a new client is
	 * closed at once (no key exchange computed), counted in {@code chat_tls_handshakes_refused_total}
	 * @param handshakeRatePerAddress new TLS handshakes per second from one client address (a token
	 * bucket); past it and its burst a new client from there is closed at once; {@code 0} turns it off
	 * @param handshakeBurstPerAddress new TLS handshakes from one address at once after a pause
	 */
	public record Ssl(String bundle, @DefaultValue("10s") @NotNull Duration handshakeTimeout,
			@DefaultValue("100") @Positive int handshakeQueue,
			@DefaultValue("50") @Min(0) double handshakeRatePerAddress,
			@DefaultValue("100") @Positive int handshakeBurstPerAddress) {

		@AssertTrue(message = "chat.tcp.ssl.handshake-timeout must be positive")
		public boolean isHandshakeTimeoutValid() {
			return this.handshakeTimeout == null || (!this.handshakeTimeout.isNegative() && !this.handshakeTimeout.isZero());
		}

		@AssertTrue(message = "chat.tcp.ssl.bundle must name an SSL bundle (spring.ssl.bundle.pem.<name> or "
				+ "spring.ssl.bundle.jks.<name>) or be left unset for plain TCP")
		public boolean isBundleValid() {
			return this.bundle == null || !this.bundle.isBlank();
		}

		/** Whether the chat port speaks TLS. */
		public boolean enabled() {
			return this.bundle != null;
		}

	}

	/**
	 * The PROXY protocol (v1 text or v2 binary) on the chat port, for a load balancer in front
	 * (AWS NLB, HAProxy): the client address its header carries becomes the connection's address.
	 * @param enabled whether connections from the trusted proxies must start with a PROXY header
	 * @param trustedProxies the CIDR blocks (or single addresses) whose connections carry a header;
	 * nobody else's header is believed; required when enabled
	 * @param headerTimeout how long a trusted proxy's connection may take to send its whole header
	 * (at most {@code chat.tcp.handshake-timeout}, whichever is shorter)
	 */
	public record ProxyProtocol(@DefaultValue("false") boolean enabled, @DefaultValue List<String> trustedProxies,
			@DefaultValue("5s") @NotNull Duration headerTimeout) {

		@AssertTrue(message = "chat.tcp.proxy-protocol.trusted-proxies must list at least one CIDR block when "
				+ "chat.tcp.proxy-protocol.enabled is true")
		public boolean isTrustedProxiesGivenWhenEnabled() {
			return !this.enabled || (this.trustedProxies != null && !this.trustedProxies.isEmpty());
		}

		@AssertTrue(message = "chat.tcp.proxy-protocol.trusted-proxies must be IPv4 or IPv6 addresses or CIDR "
				+ "blocks (10.0.0.0/8, 2001:db8::/32)")
		public boolean isTrustedProxiesValid() {
			if (this.trustedProxies == null) {
				return true;
			}
			try {
				this.trustedProxies.forEach(AddressRange::parse);
				return true;
			}
			catch (IllegalArgumentException ex) {
				return false;
			}
		}

		@AssertTrue(message = "chat.tcp.proxy-protocol.header-timeout must be positive")
		public boolean isHeaderTimeoutValid() {
			return this.headerTimeout == null || (!this.headerTimeout.isNegative() && !this.headerTimeout.isZero());
		}

		/** The trusted proxies, parsed (valid once the settings were validated). */
		public List<AddressRange> trustedRanges() {
			return this.trustedProxies.stream().map(AddressRange::parse).toList();
		}

	}

	/**
	 * Before readiness turns UP, a private relay on loopback (its own server, meters, selector and
	 * port, built from the same classes as the chat port) carries lines between a few clients of its
	 * own, so that the JIT has compiled the path of a line before the first user's arrives. No user,
	 * metric or disconnect log sees it.
	 * @param enabled whether to warm the relay path up before readiness turns UP (a standalone relay
	 * only: a cluster replica never does)
	 * @param lines lines the private relay carries (each to two readers)
	 * @param timeout the longest the warm-up may take; past it, readiness turns UP anyway
	 */
	public record WarmUp(@DefaultValue("true") boolean enabled, @DefaultValue("30000") @Min(1) @Max(10_000_000) int lines,
			@DefaultValue("5s") @NotNull Duration timeout) {
	}

}
