package com.chatrelay.tcp;

import java.io.IOException;

import com.chatrelay.chat.ChatServer;
import com.chatrelay.chat.DisconnectReason;
import com.chatrelay.chat.Session;
import com.chatrelay.logging.QuietLog;

/**
 * What a connection's input does besides its lines (its end, failures, a PROXY header, a line too
 * long), told to the room for the client's session and acted on: selector thread, mostly.
 */
final class InputEvents {

	private final TcpClient client;

	private final ChatServer server;

	private final QuietLog failures;

	InputEvents(TcpClient client, ChatServer server, QuietLog failures) {
		this.client = client;
		this.server = server;
		this.failures = failures;
	}

	/** A line passed the limit: the user reads why before the close; an unnamed socket just closes. */
	void lineTooLong() {
		Session current = this.client.session();
		if (current != null) {
			this.server.lineTooLong(current);
		}
		else {
			this.client.closeNow();
		}
	}

	/** The client closed its side: every line it sent was handled; what it was sent still goes out first. */
	void ended() {
		this.client.closeAfterFlush();
	}

	/** Its last line is written and FIN sent: for the chat it is closed, though the socket lingers. */
	void finished() {
		Session current = this.client.session();
		if (current != null) {
			this.server.disconnected(current);
		}
	}

	/** Reading failed (a reset, mostly): the connection is gone. */
	void failed(IOException failure) {
		this.client.closeNow();
	}

	/** The client broke TLS (handshake or records): the connection fails for the server's reason. */
	void protocolFailed(IOException failure) {
		Session current = this.client.session();
		if (current != null) {
			this.server.protocolFailed(current, "TLS: " + failure.getMessage());
		}
		this.client.closeNow();
	}

	/** The relay closes the connection for a reason of its own (a TLS handshake refused or too slow). */
	void refused(DisconnectReason reason, String detail) {
		Session current = this.client.session();
		if (current != null) {
			this.server.transportClosing(current, reason, detail);
		}
		this.client.closeNow();
	}

	/** A trusted proxy's PROXY header was read: the client's address is known, the room may see it. */
	void proxyHeaderRead() {
		this.client.session(this.server.connected(this.client));
	}

	/** A trusted proxy's connection brought no usable PROXY header; it closes, unseen by the server. */
	void proxyHeaderFailed(String why) {
		this.server.failedBeforeConnect(this.client, why);
	}

	/** Handling one line threw: that line is lost, the connection goes on. */
	void lineFailed(RuntimeException failure) {
		this.failures.warn("handling a line of " + this.client.describe() + " failed; the line is dropped", failure);
		Session current = this.client.session();
		if (current != null) {
			this.server.lineFailed(current);
		}
	}

}
