package com.chatrelay.cluster;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;

/**
 * Warns about Redis being unreachable without flooding the log during an outage: one line, then
 * at most one a minute with how many more there were (the rest at DEBUG). The cluster's parts share
 * one ({@link #sharing}): an outage is one cause, so a start with Redis down logs one WARN, not one
 * per part that noticed it.
 */
final class QuietLog {

	private static final long QUIET_NANOS = 60_000_000_000L;

	private final Log logger;

	private final AtomicLong lastLogged;

	private final AtomicLong suppressed;

	QuietLog(Log logger) {
		this(logger, new AtomicLong(System.nanoTime() - QUIET_NANOS), new AtomicLong());
	}

	private QuietLog(Log logger, AtomicLong lastLogged, AtomicLong suppressed) {
		this.logger = logger;
		this.lastLogged = lastLogged;
		this.suppressed = suppressed;
	}

	/** A log for another logger that is quiet together with this one. */
	QuietLog sharing(Log otherLogger) {
		return new QuietLog(otherLogger, this.lastLogged, this.suppressed);
	}

	void warn(String what, Throwable failure) {
		String message = what + ": " + failure.getMessage();
		long now = System.nanoTime();
		long last = this.lastLogged.get();
		if (now - last < QUIET_NANOS || !this.lastLogged.compareAndSet(last, now)) {
			this.suppressed.incrementAndGet();
			this.logger.debug(message, failure);
			return;
		}
		long more = this.suppressed.getAndSet(0);
		this.logger.warn(message + ((more > 0) ? " (" + more + " similar failures in the last minute not logged)" : ""));
	}

}
