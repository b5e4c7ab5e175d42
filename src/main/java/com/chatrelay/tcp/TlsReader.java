package com.chatrelay.tcp;

import java.io.IOException;
import java.nio.ByteBuffer;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The read stage of a TLS connection: what {@link TlsConnection} decrypts goes to the framer, up to
 * one quantum per turn. tls-channel may hold decrypted bytes the socket no longer signals, so a read
 * that stops at the quantum asks for another; the end of the handshake hands the lines queued
 * meanwhile (the prompt) to the writers. Selector thread only.
 */
final class TlsReader {

	private static final Log logger = LogFactory.getLog(TlsReader.class);

	private final TlsConnection tls;

	private final ChatTls chatTls;

	private final SelectorRound round;

	// the end of the TLS handshake was acted on
	private boolean establishedSeen;

	TlsReader(TlsConnection tls, ChatTls chatTls, SelectorRound round) {
		this.tls = tls;
		this.chatTls = chatTls;
		this.round = round;
	}

	/** One turn of {@code connection}, whose input tells {@code events}. */
	void read(ChatNioConnection connection, InputEvents events) {
		ByteBuffer buffer = this.round.readBuffer();
		int total = 0;
		while (true) {
			buffer.clear();
			int read;
			try {
				read = this.tls.read(buffer);
			}
			catch (HandshakeRefusedException ex) {
				events.refused(ex.reason(), ex.getMessage());
				return;
			}
			catch (IOException ex) {
				failed(connection, events, ex);
				return;
			}
			if (!this.establishedSeen && this.tls.established()) {
				this.establishedSeen = true;
				if (connection.outbound().peerReady()) {
					this.round.flushSoon(connection); // the lines queued during the handshake (the prompt)
				}
			}
			if (read <= 0) {
				if (read < 0) {
					connection.ended(events);
				}
				return;
			}
			boolean held = connection.frame(buffer.array(), 0, read);
			total += read;
			if (connection.overLimit() || held) {
				return;
			}
			if (total >= SelectorRound.READ_QUANTUM) {
				this.round.readAgain(connection);
				return;
			}
		}
	}

	private void failed(ChatNioConnection connection, InputEvents events, IOException ex) {
		if (!this.tls.established()) {
			this.chatTls.handshakeFailed(connection.describe(), ex);
			if (ex instanceof SSLHandshakeException) { // a TLS client we refuse, not garbage
				this.tls.sendFailureAlert();
			}
		}
		else {
			logger.debug(connection.describe() + " TLS read failed: " + ex);
		}
		if (ex instanceof SSLException) {
			events.protocolFailed(ex);
		}
		else {
			events.failed(ex); // the socket itself: a reset is the client's doing
		}
	}

}
