package com.chatrelay.chat;

import java.time.Instant;

/** One closed connection, as the admin API lists it; {@code reason} is the metric label value. */
public record DisconnectRecord(String name, String remoteAddress, Instant connectedAt, Instant disconnectedAt,
		String reason, String detail) {
}
