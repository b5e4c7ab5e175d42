package com.chatrelay.chat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Who of one replica is in which room, as it sends it to the others with its users' snapshot, so
 * that the cluster's membership heals after lost events (a Redis restart or outage, a pause).
 *
 * @param rooms each room with a member there (its name with the {@code #}) and when it was created
 * @param members each user there and their rooms, oldest first
 */
public record RoomSnapshot(Map<String, Instant> rooms, Map<String, List<String>> members) {

	public RoomSnapshot {
		rooms = Map.copyOf(rooms);
		members = Map.copyOf(members);
	}

}
