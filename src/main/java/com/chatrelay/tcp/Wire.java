package com.chatrelay.tcp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The last stage before the socket on the way out: plain TCP, or TLS ({@link TlsConnection}), which
 * encrypts and may keep encrypted bytes the socket could not take yet. Only {@link OutboundQueue}
 * writes through it, with its lock held.
 */
interface Wire {

	/**
	 * Hands bytes to the socket without blocking.
	 * @return how many bytes of {@code source} were consumed (for TLS: encrypted, see {@link #outputPending})
	 */
	int write(ByteBuffer source) throws IOException;

	/** Whether consumed bytes are still held here because the socket was full: flush again when writable. */
	boolean outputPending();

	/** Whether nothing may be written before the peer has spoken (a TLS handshake under way). */
	boolean awaitingPeer();

	/** Plain TCP: what is consumed is in the socket. */
	static Wire plain(SocketChannel channel) {
		return new Wire() {

			@Override
			public int write(ByteBuffer source) throws IOException {
				return channel.write(source);
			}

			@Override
			public boolean outputPending() {
				return false;
			}

			@Override
			public boolean awaitingPeer() {
				return false;
			}

		};
	}

}
