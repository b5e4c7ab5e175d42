package com.chatrelay.chat;

import java.time.Instant;

/** One connected user as the admin API shows it. */
public record UserView(String name, String connectionId, String remoteAddress, Instant connectedAt,
		Instant lastActivityAt, long messagesIn, long messagesOut, long bytesIn, long bytesOut, long pendingBytes) {
}
