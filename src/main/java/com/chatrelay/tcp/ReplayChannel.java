package com.chatrelay.tcp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;

/**
 * A socket as TLS reads it behind a PROXY header: its first reads return the bytes that came in
 * the same packets as the header (the start of the ClientHello), then the socket's own.
 */
final class ReplayChannel implements ByteChannel {

	private final SocketChannel socket;

	// selector thread only: every read happens there
	private ByteBuffer replay = ByteBuffer.allocate(0);

	ReplayChannel(SocketChannel socket) {
		this.socket = socket;
	}

	/** Bytes already taken from the socket that the next reads return first. */
	void replay(ByteBuffer bytes) {
		this.replay = bytes;
	}

	@Override
	public int read(ByteBuffer target) throws IOException {
		if (!this.replay.hasRemaining()) {
			return this.socket.read(target);
		}
		int count = Math.min(target.remaining(), this.replay.remaining());
		ByteBuffer slice = this.replay.slice(this.replay.position(), count);
		target.put(slice);
		this.replay.position(this.replay.position() + count);
		return count;
	}

	@Override
	public int write(ByteBuffer source) throws IOException {
		return this.socket.write(source);
	}

	@Override
	public boolean isOpen() {
		return this.socket.isOpen();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
