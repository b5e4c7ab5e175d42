package com.chatrelay.chat;

import java.time.Duration;

/**
 * The limits the room enforces, as plain values (the configuration feature fills them in).
 *
 * @param maxLineLength bytes of one line, before the LF
 * @param maxConnections open connections, named or still in the handshake
 * @param handshakeTimeout how long a connection may take to send an acceptable name
 * @param idleTimeout how long a user may stay silent; zero turns it off
 * @param rateLimitEnabled whether lines per user are limited at all
 * @param linesPerSecond steady send rate per user
 * @param burst lines a user may send at once after a pause
 * @param quietAbove from this many users online, join, leave and rename notices are not broadcast
 * @param maxConnectionsPerAddress open connections from one client address; zero turns it off
 * @param connectionRate new connections per client address, and the send budget shared across reconnects
 */
public record ChatLimits(int maxLineLength, int maxConnections, Duration handshakeTimeout,
		Duration idleTimeout, boolean rateLimitEnabled, double linesPerSecond, int burst, int quietAbove,
		int maxConnectionsPerAddress, ConnectionRate connectionRate) {

	/** Without a connection rate. */
	public ChatLimits(int maxLineLength, int maxConnections, Duration handshakeTimeout, Duration idleTimeout,
			boolean rateLimitEnabled, double linesPerSecond, int burst, int quietAbove, int maxConnectionsPerAddress) {
		this(maxLineLength, maxConnections, handshakeTimeout, idleTimeout, rateLimitEnabled, linesPerSecond, burst,
				quietAbove, maxConnectionsPerAddress, ConnectionRate.OFF);
	}

	/** These limits with another connection limit (the one that fits the process's descriptors). */
	public ChatLimits withMaxConnections(int max) {
		return new ChatLimits(this.maxLineLength, max, this.handshakeTimeout, this.idleTimeout, this.rateLimitEnabled,
				this.linesPerSecond, this.burst, this.quietAbove, this.maxConnectionsPerAddress, this.connectionRate);
	}

}
