package com.chatrelay.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;

import static org.assertj.core.api.Assertions.fail;

/** How a server ended a connection, as the client reading it sees it: a graceful close or a reset. */
public enum Ending {

	/** FIN (after close_notify over TLS): a read returns -1 after the last byte. */
	GRACEFUL,

	/** RST: a read throws "Connection reset", and bytes not yet read may be lost. */
	RESET;

	/**
	 * Reads and drops everything up to the end of the stream and says how it ended; fails when the
	 * socket's read timeout passes first (the server never closed).
	 */
	public static Ending readToEnd(InputStream in) {
		byte[] buffer = new byte[4096];
		try {
			while (in.read(buffer) >= 0) {
				// what the server still sent: not the point here
			}
			return GRACEFUL;
		}
		catch (SocketTimeoutException ex) {
			return fail("the server did not close the connection within the read timeout", ex);
		}
		catch (SocketException ex) {
			return ofFailedRead(ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** RESET for a read the peer's reset failed; any other socket failure (this side closed it) is thrown. */
	static Ending ofFailedRead(SocketException ex) {
		if (String.valueOf(ex.getMessage()).contains("reset")) {
			return RESET;
		}
		throw new UncheckedIOException(ex);
	}

}
