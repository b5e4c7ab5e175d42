package com.chatrelay.cluster;

import java.nio.charset.StandardCharsets;

import com.chatrelay.chat.ChatRoom;
import tools.jackson.databind.ObjectMapper;

import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;

/** Hands what the other replicas publish to this replica's room. */
class ClusterListener implements MessageListener {

	private final ChatRoom room;

	private final String replicaId;

	private final ObjectMapper json = new ObjectMapper();

	ClusterListener(ChatRoom room, String replicaId) {
		this.room = room;
		this.replicaId = replicaId;
	}

	@Override
	public void onMessage(Message message, byte[] pattern) {
		ClusterEvent event = this.json.readValue(message.getBody(), ClusterEvent.class);
		if (this.replicaId.equals(event.origin())) {
			return;
		}
		switch (event.type()) {
			case ClusterEvent.LINE -> this.room.relayFromCluster(bytes(event.line()));
			case ClusterEvent.PRIVATE -> this.room.privateFromCluster(event.to(), bytes(event.line()));
			case ClusterEvent.KICK -> this.room.kickHere(event.to(), event.reason());
			case ClusterEvent.BAN -> this.room.bans().enforce(event.ban().ban(), event.ban().order());
			case ClusterEvent.UNBAN -> this.room.bans().lifted(event.to());
			default -> {
			}
		}
	}

	private static byte[] bytes(String line) {
		return line.getBytes(StandardCharsets.UTF_8);
	}

}
