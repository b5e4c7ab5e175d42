package com.chatrelay.admin.api;

import java.time.Duration;
import java.time.Instant;

import com.chatrelay.chat.RoomStats;

/** The body of {@code GET /api/stats}. */
public record StatsResponse(int usersOnline, int connectionsOpen, long messagesIn, long messagesDelivered, Instant startedAt,
		long uptimeSeconds) {

	public static StatsResponse of(RoomStats stats) {
		return new StatsResponse(stats.usersOnline(), stats.connectionsOpen(), stats.messagesIn(),
				stats.messagesDelivered(), stats.startedAt(), Duration.between(stats.startedAt(), Instant.now()).toSeconds());
	}

}
