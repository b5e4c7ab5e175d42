package com.chatrelay.chat;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One room as the admin API shows it (SPEC §9): {@code name} with its {@code #}, its members in the
 * whole cluster, when it was created, and, for {@code GET /api/rooms/{room}} only, who is in it.
 */
public record RoomView(String name, int members, Instant createdAt,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<String> users) {

	static RoomView of(Room room) {
		return new RoomView(room.name().toString(), room.members(), room.createdAt(), null);
	}

}
