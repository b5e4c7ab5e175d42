package com.chatrelay.tcp;

import java.util.Map;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.MessageHeaders;

/**
 * The headers of every line to one connection, built once: the outbound adapter needs only the
 * connection id. One line to a room of 10,000 is 10,000 messages, so they carry no id or
 * timestamp ({@link MessageHeaders#ID_VALUE_NONE}, as Spring Integration does on its own hot
 * paths) and share one immutable header map instead of copying one each.
 */
final class ConnectionHeaders extends MessageHeaders {

	ConnectionHeaders(String connectionId) {
		super(Map.of(IpHeaders.CONNECTION_ID, connectionId), ID_VALUE_NONE, -1L);
	}

}
