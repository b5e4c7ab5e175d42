package com.chatrelay.tcp;

import java.time.Duration;

/**
 * When a client is a slow consumer: it does not read. Data the relay has queued but not yet offered
 * to the socket (a burst the writers are still working through) never counts against the client;
 * what counts is data waiting while the client's socket refuses more and has taken nothing for
 * the grace time. A ceiling bounds the memory of one queue whatever the reason.
 *
 * @param limit bytes that may wait on a socket that refuses them ({@code chat.tcp.outbound-buffer})
 * @param ceiling bytes one queue may hold at all
 * @param graceNanos how long a socket may take nothing before waiting data counts against it
 */
record SlowConsumerRule(long limit, long ceiling, long graceNanos) {

	/** The ceiling, in outbound buffers: room for a client that reads to ride out a burst the writers are behind on. */
	static final int CEILING_FACTOR = 8;

	static SlowConsumerRule of(long limit, Duration grace) {
		return new SlowConsumerRule(limit, limit * CEILING_FACTOR, grace.toNanos());
	}

	/**
	 * @param pending bytes that would be queued
	 * @param refusing whether the socket would not take all it was last offered
	 * @param sinceProgressNanos time since the socket last took a byte
	 */
	boolean isSlow(long pending, boolean refusing, long sinceProgressNanos) {
		return pending > this.ceiling || (pending > this.limit && refusing && sinceProgressNanos >= this.graceNanos);
	}

}
