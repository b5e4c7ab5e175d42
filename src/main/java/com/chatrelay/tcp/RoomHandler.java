package com.chatrelay.tcp;

import com.chatrelay.chat.ChatServer;
import com.chatrelay.chat.Session;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;

/**
 * The end of the inbound adapter's flow: each framed line to the server, for the session of the
 * client its headers carry, on the thread that read it (so each sender's lines arrive in order).
 */
class RoomHandler implements MessageHandler {

	private final ChatServer server;

	RoomHandler(ChatServer server) {
		this.server = server;
	}

	@Override
	public void handleMessage(Message<?> message) {
		TcpClient client = message.getHeaders().get(ConnectionHeaders.CLIENT, TcpClient.class);
		Session session = (client != null) ? client.session() : null;
		if (session != null) {
			this.server.lineReceived(session, (byte[]) message.getPayload());
		}
	}

}
