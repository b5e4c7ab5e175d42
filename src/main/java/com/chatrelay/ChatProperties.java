package com.chatrelay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.chatrelay.chat.AddressRange;
import com.chatrelay.chat.ChatLimits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Every {@code chat.*} setting, checked at start-up: a bad value stops the service with a message
 * that names the property.
 */
@ConfigurationProperties(prefix = "chat", ignoreUnknownFields = false)
@Validated
public record ChatProperties(@Valid @DefaultValue Tcp tcp, @Valid @DefaultValue RateLimit rateLimit,
		@Valid @DefaultValue Presence presence, @Valid @DefaultValue Admin admin,
		@Valid @DefaultValue Cluster cluster) {

	/** The limits the chat room enforces. */
	public ChatLimits limits() {
		return new ChatLimits(this.tcp.maxLineLength(), this.tcp.maxConnections(), this.tcp.handshakeTimeout(),
				this.tcp.idleTimeout(), this.rateLimit.enabled(), this.rateLimit.linesPerSecond(),
				this.rateLimit.burst(), this.presence.quietAbove(), this.tcp.maxConnectionsPerAddress(),
				this.tcp.connectionRate().limits());
	}

	/**
	 * The chat socket.
	 * @param host address to listen on
	 * @param port TCP port; 0 picks a free one
	 * @param maxLineLength bytes of one line before its LF (a CR counts)
	 * @param maxConnections open connections, named or in the handshake
	 * @param outboundBuffer data waiting for a client whose socket refuses it before the client is
	 * dropped as a slow consumer (data the relay has not yet offered to the socket does not count)
	 * @param slowConsumerGrace how long a client's socket may take nothing, with more than the
	 * outbound buffer waiting for it, before the client is dropped as a slow consumer
	 * @param handshakeTimeout time to send an acceptable name
	 * @param idleTimeout silence after which a user is disconnected; 0 turns it off
	 * @param maxConnectionsPerAddress open connections from one client address; 0 turns it off
	 * @param socketSendBuffer the kernel's send buffer per connection (SO_SNDBUF); left to the
	 * kernel, loopback and LAN sockets grow it to megabytes, which would hide a client that does
	 * not read from the outbound-buffer limit and hold its last lines long after a close
	 * @param descriptorReserve file descriptors kept for everything but chat connections (the JVM's
	 * own files, HTTP and management connections, Redis): when max-connections plus this does not fit
	 * in the process's descriptor limit, the relay lowers its connection limit to what fits
	 * @param ssl TLS on the chat port
	 * @param proxyProtocol PROXY protocol headers from trusted load balancers
	 * @param connectionRate new connections per client address
	 */
	public record Tcp(@DefaultValue("0.0.0.0") @NotBlank String host,
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
			@Valid @DefaultValue ProxyProtocol proxyProtocol, @Valid @DefaultValue ConnectionRate connectionRate) {

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

	}

	/**
	 * New connections per client address (an IPv6 client counts by its /64): a token bucket, so that
	 * one address reconnecting in a loop cannot flood the room with joins, leaves and fresh bursts.
	 * While on, the sessions of an address also share their send-rate budget across reconnects.
	 * @param enabled whether it applies
	 * @param perSecond steady rate of new connections per address
	 * @param burst connections an address may open at once (a NAT'd office reconnecting after a restart)
	 * @param exempt addresses and CIDR blocks it does not apply to (trusted proxies, monitoring)
	 * @param trackedAddresses addresses remembered at once, at most; past it the one seen longest ago is forgotten
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
	 * (reason handshake_timeout); the name's own handshake-timeout runs beside it
	 * @param handshakeQueue new TLS handshakes waiting for the handshake pool; past it a new client is
	 * closed at once (no key exchange computed), counted in chat_tls_handshakes_refused_total
	 * @param handshakeRatePerAddress new TLS handshakes per second from one client address (a token
	 * bucket); past it and its burst a new client from there is closed at once; 0 turns it off
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
	 * Lines per user.
	 * @param enabled whether the limit applies
	 * @param linesPerSecond steady rate
	 * @param burst lines at once after a pause
	 */
	public record RateLimit(@DefaultValue("true") boolean enabled, @DefaultValue("20") @Positive double linesPerSecond,
			@DefaultValue("40") @Positive int burst) {
	}

	/**
	 * Join, leave and rename notices.
	 * @param quietAbove from this many users online they are not broadcast (the renamed user still reads theirs)
	 */
	public record Presence(@DefaultValue("1000") @Min(0) int quietAbove) {
	}

	/**
	 * The admin user of the REST API.
	 * @param username user name for HTTP Basic
	 * @param password its password; generated and logged once when not set
	 * @param auditRetention admin actions {@code GET /api/audit} keeps in memory (the oldest go
	 * first; every one is also logged on {@code chat.audit}); at least the 1000 the bare call shows
	 * @param auditMemory the most memory those entries may take, estimated at 2 bytes a character
	 * (long announcements); past it the oldest go, but the last 1000 always stay
	 * @param maxRequestBody the largest request body the admin API reads; past it, 413 (the default
	 * takes the longest announcement of the default line length even written all in JSON escapes)
	 */
	public record Admin(@DefaultValue("admin") @NotBlank String username, String password,
			@DefaultValue("100000") @Min(1000) @Max(10_000_000) int auditRetention,
			@DefaultValue("64MB") @NotNull DataSize auditMemory,
			@DefaultValue("64KB") @NotNull DataSize maxRequestBody) {

		@AssertTrue(message = "chat.admin.audit-memory must be between 1MB and 4GB")
		public boolean isAuditMemoryValid() {
			return this.auditMemory == null
					|| (this.auditMemory.toBytes() >= 1024 * 1024 && this.auditMemory.toBytes() <= 4L * 1024 * 1024 * 1024);
		}

	}

	/**
	 * Running more than one replica.
	 * @param enabled relay through Redis pub/sub ({@code spring.data.redis.*} says where Redis is)
	 * @param replicaId this replica's id in the cluster; empty for the host name (the pod's name)
	 * @param timeout longest wait for a Redis answer that a user or a timer waits for (a name
	 * claim); it is also the Redis command timeout of the relay
	 * @param heartbeatInterval how often this replica tells the others it is alive and renews its
	 * users' names
	 * @param replicaTimeout silence after which a replica counts as lost: its users are announced as
	 * left and its names are free; at least three heartbeats
	 * @param publishQueue lines and events waiting to be published to the other replicas; past it
	 * lines are dropped (and counted) rather than held in memory without bound
	 * @param claimWait longest time the thread that reads every client waits for a name claim; a
	 * slower Redis refuses the name ("try again") and claims are refused at once until the heartbeat
	 * finds Redis answering within it again
	 */
	public record Cluster(@DefaultValue("false") boolean enabled,
			@DefaultValue("") @Pattern(regexp = "[A-Za-z0-9._-]*", message = "a replica id has letters, digits, '.', '_' and '-' only") String replicaId,
			@DefaultValue("2s") @NotNull Duration timeout, @DefaultValue("2s") @NotNull Duration heartbeatInterval,
			@DefaultValue("10s") @NotNull Duration replicaTimeout, @DefaultValue("100000") @Positive int publishQueue,
			@DefaultValue("250ms") @NotNull Duration claimWait) {

		@AssertTrue(message = "chat.cluster.claim-wait must be between 1ms and chat.cluster.timeout")
		public boolean isClaimWaitValid() {
			return this.claimWait == null || this.timeout == null
					|| (this.claimWait.toMillis() >= 1 && this.claimWait.compareTo(this.timeout) <= 0);
		}

		@AssertTrue(message = "chat.cluster.timeout must be between 10ms and 60s")
		public boolean isTimeoutValid() {
			return this.timeout == null || (this.timeout.toMillis() >= 10 && this.timeout.toSeconds() <= 60);
		}

		@AssertTrue(message = "chat.cluster.heartbeat-interval must be at least 100ms and chat.cluster.replica-timeout at least three of them")
		public boolean isHeartbeatValid() {
			return this.heartbeatInterval == null || this.replicaTimeout == null
					|| (this.heartbeatInterval.toMillis() >= 100
							&& this.replicaTimeout.compareTo(this.heartbeatInterval.multipliedBy(3)) >= 0);
		}

	}

}
