package com.chatrelay.logging;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;

/**
 * Warns about a failure that may repeat many times a second (an I/O thread's unexpected exception,
 * Redis unreachable) without flooding the log: the first at WARN, then at most one a minute saying
 * how many more there were; the rest at DEBUG. Logs that {@link #sharing share} one budget stay
 * quiet together: an outage is one cause, so it is one WARN, not one per part that noticed it.
 */
public final class QuietLog {

	private static final long QUIET_NANOS = 60_000_000_000L;

	/** Whether the WARN line carries the stack trace (an unexpected bug) or only the message (a known outage). */
	public enum Detail { STACK_TRACE, MESSAGE }

	private final Log logger;

	private final Detail detail;

	private final AtomicLong lastLogged;

	private final AtomicLong suppressed;

	public QuietLog(Log logger, Detail detail) {
		this(logger, detail, new AtomicLong(System.nanoTime() - QUIET_NANOS), new AtomicLong());
	}

	private QuietLog(Log logger, Detail detail, AtomicLong lastLogged, AtomicLong suppressed) {
		this.logger = logger;
		this.detail = detail;
		this.lastLogged = lastLogged;
		this.suppressed = suppressed;
	}

	/** A log for another logger that is quiet together with this one. */
	public QuietLog sharing(Log otherLogger) {
		return new QuietLog(otherLogger, this.detail, this.lastLogged, this.suppressed);
	}

	public void warn(String what, Throwable failure) {
		String message = (this.detail == Detail.MESSAGE) ? what + ": " + failure.getMessage() : what;
		long now = System.nanoTime();
		long last = this.lastLogged.get();
		if (now - last < QUIET_NANOS || !this.lastLogged.compareAndSet(last, now)) {
			this.suppressed.incrementAndGet();
			this.logger.debug(message, failure);
			return;
		}
		long more = this.suppressed.getAndSet(0);
		String line = message + ((more > 0) ? " (" + more + " similar failures in the last minute not logged)" : "");
		if (this.detail == Detail.STACK_TRACE) {
			this.logger.warn(line, failure);
		}
		else {
			this.logger.warn(line);
		}
	}

}
