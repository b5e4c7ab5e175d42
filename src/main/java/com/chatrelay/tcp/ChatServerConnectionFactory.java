package com.chatrelay.tcp;

import org.springframework.integration.ip.tcp.connection.TcpNioServerConnectionFactory;

/**
 * Spring Integration's NIO server factory, stopping quietly: its {@code stop()} closes the selector
 * while still marked active, so its own selector thread logs "Selector closed" as an ERROR at every
 * shutdown. Marking it inactive first keeps a clean stop clean.
 */
class ChatServerConnectionFactory extends TcpNioServerConnectionFactory {

	ChatServerConnectionFactory(int port) {
		super(port);
	}

	@Override
	public void stop() {
		setActive(false);
		super.stop();
	}

}
