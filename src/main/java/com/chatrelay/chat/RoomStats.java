package com.chatrelay.chat;

import java.time.Instant;

/** Counts of the whole room for the admin API. */
public record RoomStats(int usersOnline, int connectionsOpen, long messagesIn, long messagesDelivered,
		Instant startedAt) {
}
