package com.chatrelay.tcp;

import java.util.Arrays;

import com.chatrelay.chat.ChatRoom;
import com.chatrelay.chat.Session;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;

/**
 * The end of the inbound adapter's flow: one framed line per message, its CR dropped, handed to
 * the room on the thread that read it (so each sender's lines arrive in order).
 */
class InboundLines implements MessageHandler {

	private final ChatConnections connections;

	private final ChatRoom room;

	InboundLines(ChatConnections connections, ChatRoom room) {
		this.connections = connections;
		this.room = room;
	}

	@Override
	public void handleMessage(Message<?> message) {
		String connectionId = message.getHeaders().get(IpHeaders.CONNECTION_ID, String.class);
		TcpChatConnection connection = this.connections.get(connectionId);
		Session session = (connection != null) ? connection.session() : null;
		if (session != null) {
			this.room.lineReceived(session, withoutCr((byte[]) message.getPayload()));
		}
	}

	private static byte[] withoutCr(byte[] line) {
		int length = line.length;
		return (length > 0 && line[length - 1] == '\r') ? Arrays.copyOf(line, length - 1) : line;
	}

}
