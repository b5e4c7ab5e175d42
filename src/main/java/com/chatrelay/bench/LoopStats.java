package com.chatrelay.bench;

import org.HdrHistogram.Histogram;

/**
 * What one selector loop counted. Written by its loop, read by the controller: every method holds
 * the lock, which no other loop ever takes, so it stays uncontended.
 */
final class LoopStats {

	/** Where the measured step is; the controller moves it forward, the loop reads it with each line. */
	enum Window {

		/** Lines are sent and counted; arrivals are delivered. */
		SENDING,

		/** Sending is over (no further line is counted or written); arrivals are still delivered. */
		DRAINING,

		/** The drain is over: what arrives now is late, and still missing once the report is taken is lost. */
		LATE

	}

	/** Latencies from one microsecond to a minute, in nanoseconds, three significant digits. */
	private Histogram latency = newHistogram();

	/** The lines whose sender and receiver were on different replicas (with --ports). */
	private Histogram crossLatency = newHistogram();

	private int step;

	private Window window = Window.SENDING;

	private long sent;

	/** Deliveries the lines counted in {@link #sent} owe: each line's receivers (the other readers of its room). */
	private long expected;

	private long delivered;

	private long late;

	private long duplicated;

	private long reordered;

	/** Measured lines that reached a client outside their room (with --rooms). */
	private long misrouted;

	/** Why a client could not take its place in a room (the first such answer), or null. */
	private String handshakeFailure;

	private long loggedIn;

	private long connectErrors;

	private long disconnects;

	private long serverErrors;

	private static Histogram newHistogram() {
		return new Histogram(1_000L, 60_000_000_000L, 3);
	}

	synchronized void startStep(int newStep) {
		this.step = newStep;
		this.window = Window.SENDING;
		this.latency = newHistogram();
		this.crossLatency = newHistogram();
		this.sent = 0;
		this.expected = 0;
		this.delivered = 0;
		this.late = 0;
		this.duplicated = 0;
		this.reordered = 0;
		this.misrouted = 0;
		this.serverErrors = 0;
	}

	synchronized int step() {
		return this.step;
	}

	/**
	 * Counts a line of the measured step as sent, unless the step stopped sending: then the caller
	 * must not write it, so that the controller's count of sent lines is final once it stopped.
	 * @param receivers how many readers should get the line
	 * @return whether to write the line (warm-up lines are always written and never counted)
	 */
	synchronized boolean sent(int lineStep, int receivers) {
		if (lineStep != this.step) {
			return true;
		}
		if (this.window != Window.SENDING) {
			return false;
		}
		this.sent++;
		this.expected += receivers;
		return true;
	}

	/** Ends the sending: after this returns, no line of the step is counted or written. */
	synchronized void stopSending() {
		if (this.window == Window.SENDING) {
			this.window = Window.DRAINING;
		}
	}

	/** Ends the drain: lines of the step that arrive from now on are late. */
	synchronized void closeWindow() {
		this.window = Window.LATE;
	}

	synchronized boolean windowClosed() {
		return this.window == Window.LATE;
	}

	/** A line of {@code lineStep} arrived: delivered, or late once the drain is over; its latency counts either way. */
	synchronized void delivered(int lineStep, long latencyNanos, boolean reorder, boolean crossed) {
		if (lineStep != this.step) {
			return;
		}
		if (this.window == Window.LATE) {
			this.late++;
		}
		else {
			this.delivered++;
		}
		if (reorder) {
			this.reordered++;
		}
		long bounded = Math.min(Math.max(latencyNanos, 1_000L), 60_000_000_000L);
		this.latency.recordValue(bounded);
		if (crossed) {
			this.crossLatency.recordValue(bounded);
		}
	}

	synchronized void duplicated(int lineStep) {
		if (lineStep == this.step) {
			this.duplicated++;
		}
	}

	/** A measured line of {@code lineStep} reached a client that is not in its room. */
	synchronized void misrouted(int lineStep) {
		if (lineStep == this.step) {
			this.misrouted++;
		}
	}

	/** Keeps the first reason a client could not join its room or part the default one. */
	synchronized void handshakeFailed(String why) {
		if (this.handshakeFailure == null) {
			this.handshakeFailure = why;
		}
	}

	synchronized String handshakeFailure() {
		return this.handshakeFailure;
	}

	synchronized void loggedIn() {
		this.loggedIn++;
	}

	synchronized void connectError() {
		this.connectErrors++;
	}

	synchronized void disconnected() {
		this.disconnects++;
	}

	synchronized void serverError() {
		this.serverErrors++;
	}

	synchronized long loggedInCount() {
		return this.loggedIn;
	}

	synchronized long connectErrorCount() {
		return this.connectErrors;
	}

	synchronized long deliveredCount() {
		return this.delivered;
	}

	synchronized long sentCount() {
		return this.sent;
	}

	synchronized long expectedCount() {
		return this.expected;
	}

	synchronized long lateCount() {
		return this.late;
	}

	/** Adds this loop's numbers to a total. */
	synchronized void addTo(Totals totals) {
		totals.latency.add(this.latency);
		totals.crossLatency.add(this.crossLatency);
		totals.sent += this.sent;
		totals.expected += this.expected;
		totals.delivered += this.delivered;
		totals.late += this.late;
		totals.duplicated += this.duplicated;
		totals.reordered += this.reordered;
		totals.misrouted += this.misrouted;
		totals.loggedIn += this.loggedIn;
		totals.connectErrors += this.connectErrors;
		totals.disconnects += this.disconnects;
		totals.serverErrors += this.serverErrors;
	}

	/** The sum over all loops. */
	static final class Totals {

		final Histogram latency = newHistogram();

		final Histogram crossLatency = newHistogram();

		long sent;

		long expected;

		long delivered;

		long late;

		long duplicated;

		long reordered;

		long misrouted;

		long loggedIn;

		long connectErrors;

		long disconnects;

		long serverErrors;

	}

}
