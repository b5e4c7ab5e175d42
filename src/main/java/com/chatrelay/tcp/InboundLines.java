package com.chatrelay.tcp;

import java.util.Arrays;

import com.chatrelay.chat.ChatRoom;

import org.springframework.integration.IntegrationMessageHeaderAccessor;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;

/**
 * The end of the inbound adapter's flow: one framed line per message, put back in its sender's
 * order, its CR dropped, handed to the room.
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
		TcpClientConnection connection = this.connections.get(connectionId);
		if (connection == null || connection.session() == null) {
			return;
		}
		Number sequence = message.getHeaders().get(IntegrationMessageHeaderAccessor.SEQUENCE_NUMBER, Number.class);
		connection.inbound(sequence.longValue(), (byte[]) message.getPayload(),
				(line) -> this.room.lineReceived(connection.session(), withoutCr(line)));
	}

	private static byte[] withoutCr(byte[] line) {
		int length = line.length;
		return (length > 0 && line[length - 1] == '\r') ? Arrays.copyOf(line, length - 1) : line;
	}

}
