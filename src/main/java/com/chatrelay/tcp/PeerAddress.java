package com.chatrelay.tcp;

/**
 * The client's address as a connection knows it: the socket's peer, or the one a trusted proxy's
 * PROXY header carried. Set on the selector thread, read by any.
 */
final class PeerAddress {

	private final String socketHost;

	private final int socketPort;

	private volatile String host;

	private volatile int port;

	PeerAddress(String socketHost, int socketPort) {
		this.socketHost = socketHost;
		this.socketPort = socketPort;
		this.host = socketHost;
		this.port = socketPort;
	}

	/** The address a trusted proxy's header carried. */
	void proxied(String host, int port) {
		this.host = host;
		this.port = port;
	}

	/** The client's address without the port (the proxy's when no header said otherwise). */
	String host() {
		return this.host;
	}

	int port() {
		return this.port;
	}

	/** The connection as the logs name it: Spring Integration's id, and the client behind a proxy. */
	String describe(String connectionId) {
		String current = this.host;
		return (current.equals(this.socketHost) && this.port == this.socketPort) ? connectionId
				: connectionId + " (client " + current + ":" + this.port + ")";
	}

}
