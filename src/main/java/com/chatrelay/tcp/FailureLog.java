package com.chatrelay.tcp;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;

/**
 * Logs unexpected failures on the I/O threads without letting them flood the log: the first one
 * with its stack trace, then at most one line a minute saying how many more there were. Peers
 * that reset or vanish are not failures and never come here.
 */
final class FailureLog {

	private static final long QUIET_NANOS = 60_000_000_000L;

	private final Log logger;

	private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - QUIET_NANOS);

	private final AtomicLong suppressed = new AtomicLong();

	FailureLog(Log logger) {
		this.logger = logger;
	}

	void report(String what, Throwable failure) {
		long now = System.nanoTime();
		long last = this.lastLogged.get();
		if (now - last < QUIET_NANOS || !this.lastLogged.compareAndSet(last, now)) {
			this.suppressed.incrementAndGet();
			this.logger.debug(what, failure);
			return;
		}
		long more = this.suppressed.getAndSet(0);
		this.logger.warn(what + ((more > 0) ? " (" + more + " similar failures in the last minute not logged)" : ""),
				failure);
	}

}
