package com.chatrelay.tcp;

import java.util.concurrent.atomic.LongAdder;

/**
 * Bytes queued to sockets that take data: what the writers owe, as opposed to what waits on a
 * client that does not read. The selector reads heavy senders more slowly while it is high, so a
 * burst waits in the senders' sockets rather than in every reader's queue (and no reader that
 * reads is ever dropped for the relay's own backlog).
 */
final class WriteBacklog {

	/** Past this the selector waits for the writers before it reads more from heavy senders. */
	static final long HIGH_BYTES = 32L * 1024 * 1024;

	private final LongAdder bytes = new LongAdder();

	void add(long delta) {
		if (delta != 0) {
			this.bytes.add(delta);
		}
	}

	long bytes() {
		return this.bytes.sum();
	}

	boolean isHigh() {
		return this.bytes.sum() > HIGH_BYTES;
	}

}
