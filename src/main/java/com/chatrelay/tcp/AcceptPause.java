package com.chatrelay.tcp;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.chatrelay.metrics.AcceptPauses;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * What the chat port does when the process runs out of file descriptors: an accept that fails
 * with EMFILE or ENFILE would fail again on every selector round (the pending connection stays
 * ready), spinning the thread that serves everybody. Instead the port stops accepting for a
 * moment, longer while it keeps failing (as Tomcat's acceptor does), and serves the open
 * connections meanwhile; waiting clients stay in the kernel's backlog. One WARN per episode, and
 * every pause is counted ({@code chat_accept_paused_total{listener="chat"}}).
 * <p>
 * Selector thread only, but for the timer's wakeup.
 */
final class AcceptPause {

	private static final Log logger = LogFactory.getLog(AcceptPause.class);

	/** The first pause of an episode; each failure after a pause doubles it, up to the longest. */
	static final long FIRST_PAUSE_MILLIS = 50;

	static final long LONGEST_PAUSE_MILLIS = 1000;

	private final ScheduledExecutorService timer;

	private final @Nullable Counter pauses;

	private @Nullable SelectionKey pausedKey;

	private long resumeAtNanos;

	private long pauseMillis;

	/** Pauses since the episode began; 0 outside an episode. */
	private int episodePauses;

	AcceptPause(ScheduledExecutorService timer, @Nullable MeterRegistry registry) {
		this.timer = timer;
		// loaded now: out of descriptors the JVM cannot open its jars to load a class
		logger.debug("descriptors at start: " + Descriptors.describe());
		this.pauses = (registry == null) ? null : AcceptPauses.counter(registry, AcceptPauses.Listener.CHAT);
	}

	/** Whether an accept failed for want of descriptors (EMFILE for the process, ENFILE for the system). */
	static boolean isDescriptorLimit(@Nullable Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof IOException && cause.getMessage() != null
					&& cause.getMessage().contains("Too many open files")) {
				return true;
			}
		}
		return false;
	}

	/** An accept failed for want of descriptors: stop watching the listening socket for a while. */
	void pause(SelectionKey acceptKey, Selector selector) {
		this.pauseMillis = (this.episodePauses == 0) ? FIRST_PAUSE_MILLIS
				: Math.min(LONGEST_PAUSE_MILLIS, this.pauseMillis * 2);
		if (this.episodePauses++ == 0) {
			logger.warn("The chat port cannot accept connections: the process is out of file descriptors ("
					+ Descriptors.describe() + "). Not accepting for up to " + LONGEST_PAUSE_MILLIS
					+ " ms at a time until some close; raise the limit (ulimit -n) or lower chat.tcp.max-connections");
		}
		if (this.pauses != null) {
			this.pauses.increment();
		}
		acceptKey.interestOps(0);
		this.pausedKey = acceptKey;
		this.resumeAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(this.pauseMillis);
		this.timer.schedule(selector::wakeup, this.pauseMillis, TimeUnit.MILLISECONDS);
	}

	/** Each round: watches the listening socket again once the pause is over. */
	void resumeIfDue() {
		SelectionKey key = this.pausedKey;
		if (key != null && System.nanoTime() - this.resumeAtNanos >= 0) {
			this.pausedKey = null;
			if (key.isValid()) {
				key.interestOps(SelectionKey.OP_ACCEPT);
			}
		}
	}

	/** An accept went through: an episode, if there was one, is over. */
	void accepted() {
		if (this.episodePauses > 0 && this.pausedKey == null) {
			logger.info("The chat port accepts connections again, after " + this.episodePauses + " pause(s)");
			this.episodePauses = 0;
		}
	}

}
