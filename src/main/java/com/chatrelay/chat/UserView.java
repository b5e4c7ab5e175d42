package com.chatrelay.chat;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One connected user as the admin API shows it; {@code replicaId} only when clustered.
 */
public record UserView(String name, String connectionId, String remoteAddress, Instant connectedAt,
		Instant lastActivityAt, long messagesIn, long messagesOut, long bytesIn, long bytesOut, long pendingBytes,
		@JsonInclude(JsonInclude.Include.NON_NULL) String replicaId) {
}
