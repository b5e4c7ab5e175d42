package com.chatrelay.tcp;

import java.util.concurrent.atomic.LongAdder;

/**
 * Bytes queued to sockets that take data: what the writers owe, as opposed to what waits on a
 * client that does not read. The selector reads heavy senders more slowly while it is high, so a
 * burst waits in the senders' sockets rather than in every reader's queue (and no reader that
 * reads is ever dropped for the relay's own backlog).
 */
final class WriteBacklog {

	/**
	 * Past this the selector waits for the writers before it reads more from heavy senders. Small:
	 * every reader's queue is first in, first out, so what the writers owe is how late a quiet
	 * user's line is (1 MB over 300 readers is 250 short lines each, some tens of milliseconds).
	 */
	static final long HIGH_BYTES = 1024 * 1024;

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
