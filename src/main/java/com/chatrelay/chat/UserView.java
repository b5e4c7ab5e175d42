package com.chatrelay.chat;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One connected user as the admin API shows it; {@code replicaId} only when clustered;
 * {@code pendingBytes} null for a user on another replica (only the replica holding the socket knows it);
 * {@code rooms} sorted and {@code activeRoom}, null when none (SPEC §9; empty and null for a user of
 * another replica until rooms are cluster-wide).
 */
public record UserView(String name, String connectionId, String remoteAddress, Instant connectedAt,
		Instant lastActivityAt, long messagesIn, long messagesOut, long bytesIn, long bytesOut, @Nullable Long pendingBytes,
		@JsonInclude(JsonInclude.Include.NON_NULL) String replicaId, List<String> rooms,
		@Nullable String activeRoom) {

	public UserView {
		rooms = (rooms == null) ? List.of() : List.copyOf(rooms);
	}

	/** A user in no room (yet: see {@link #inRooms}). */
	public UserView(String name, String connectionId, String remoteAddress, Instant connectedAt, Instant lastActivityAt,
			long messagesIn, long messagesOut, long bytesIn, long bytesOut, @Nullable Long pendingBytes, String replicaId) {
		this(name, connectionId, remoteAddress, connectedAt, lastActivityAt, messagesIn, messagesOut, bytesIn, bytesOut,
				pendingBytes, replicaId, List.of(), null);
	}

	/** This view with the user's rooms (sorted, with their {@code #}) and active room. */
	public UserView inRooms(List<String> rooms, @Nullable String activeRoom) {
		return new UserView(this.name, this.connectionId, this.remoteAddress, this.connectedAt, this.lastActivityAt,
				this.messagesIn, this.messagesOut, this.bytesIn, this.bytesOut, this.pendingBytes, this.replicaId, rooms,
				activeRoom);
	}

	/** This view as another replica keeps it: without what changes by the millisecond. */
	public UserView remote() {
		return new UserView(this.name, this.connectionId, this.remoteAddress, this.connectedAt, this.lastActivityAt,
				this.messagesIn, this.messagesOut, this.bytesIn, this.bytesOut, null, this.replicaId, this.rooms,
				this.activeRoom);
	}

}
