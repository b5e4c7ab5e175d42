package com.chatrelay.tcp;

import java.io.IOException;

import com.chatrelay.chat.DisconnectReason;

/** A new TLS handshake the relay will not compute now (queue full, address over its rate): the client is closed. */
final class HandshakeRefusedException extends IOException {

	private final DisconnectReason reason;

	HandshakeRefusedException(DisconnectReason reason, String detail) {
		super(detail);
		this.reason = reason;
	}

	/** Thrown at every refusal of a flood, and never logged: no stack trace to fill. */
	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}

	DisconnectReason reason() {
		return this.reason;
	}

}
