package com.chatrelay.tcp;

import java.util.Map;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.MessageHeaders;

/**
 * The headers of every line from and to one connection, built once: its Spring Integration id (the
 * outbound adapter finds the connection by it) and its {@link TcpClient} (the end of the inbound flow
 * hands the line to that client's session). One line to a room of 10,000 is 10,000 messages, so they
 * carry no id or timestamp ({@link MessageHeaders#ID_VALUE_NONE}, as Spring Integration does on its
 * own hot paths) and share one immutable header map instead of copying one each.
 */
final class ConnectionHeaders extends MessageHeaders {

	/** The header that carries the line's {@link TcpClient}. */
	static final String CLIENT = "chat_client";

	ConnectionHeaders(String connectionId, TcpClient client) {
		super(Map.of(IpHeaders.CONNECTION_ID, connectionId, CLIENT, client), ID_VALUE_NONE, -1L);
	}

}
