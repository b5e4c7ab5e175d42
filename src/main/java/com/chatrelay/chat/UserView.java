package com.chatrelay.chat;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One connected user as the admin API shows it; {@code replicaId} only when clustered;
 * {@code pendingBytes} null for a user on another replica (only the replica holding the socket knows it).
 */
public record UserView(String name, String connectionId, String remoteAddress, Instant connectedAt,
		Instant lastActivityAt, long messagesIn, long messagesOut, long bytesIn, long bytesOut, @Nullable Long pendingBytes,
		@JsonInclude(JsonInclude.Include.NON_NULL) String replicaId) {

	/** This view as another replica keeps it: without what changes by the millisecond. */
	public UserView remote() {
		return new UserView(this.name, this.connectionId, this.remoteAddress, this.connectedAt, this.lastActivityAt,
				this.messagesIn, this.messagesOut, this.bytesIn, this.bytesOut, null, this.replicaId);
	}

}
