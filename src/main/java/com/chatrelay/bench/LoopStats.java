package com.chatrelay.bench;

import org.HdrHistogram.Histogram;

/**
 * What one selector loop counted. Written by its loop, read by the controller: every method holds
 * the lock, which no other loop ever takes, so it stays uncontended.
 */
final class LoopStats {

	/** Latencies from one microsecond to a minute, in nanoseconds, three significant digits. */
	private Histogram latency = newHistogram();

	private int step;

	private long sent;

	private long delivered;

	private long duplicated;

	private long reordered;

	private long loggedIn;

	private long connectErrors;

	private long disconnects;

	private long serverErrors;

	private static Histogram newHistogram() {
		return new Histogram(1_000L, 60_000_000_000L, 3);
	}

	synchronized void startStep(int newStep) {
		this.step = newStep;
		this.latency = newHistogram();
		this.sent = 0;
		this.delivered = 0;
		this.duplicated = 0;
		this.reordered = 0;
		this.serverErrors = 0;
	}

	synchronized int step() {
		return this.step;
	}

	synchronized void sent(int lineStep) {
		if (lineStep == this.step) {
			this.sent++;
		}
	}

	synchronized void delivered(int lineStep, long latencyNanos, boolean reorder) {
		if (lineStep != this.step) {
			return;
		}
		this.delivered++;
		if (reorder) {
			this.reordered++;
		}
		this.latency.recordValue(Math.min(Math.max(latencyNanos, 1_000L), 60_000_000_000L));
	}

	synchronized void duplicated(int lineStep) {
		if (lineStep == this.step) {
			this.duplicated++;
		}
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

	/** Adds this loop's numbers to a total. */
	synchronized void addTo(Totals totals) {
		totals.latency.add(this.latency);
		totals.sent += this.sent;
		totals.delivered += this.delivered;
		totals.duplicated += this.duplicated;
		totals.reordered += this.reordered;
		totals.loggedIn += this.loggedIn;
		totals.connectErrors += this.connectErrors;
		totals.disconnects += this.disconnects;
		totals.serverErrors += this.serverErrors;
	}

	/** The sum over all loops. */
	static final class Totals {

		final Histogram latency = newHistogram();

		long sent;

		long delivered;

		long duplicated;

		long reordered;

		long loggedIn;

		long connectErrors;

		long disconnects;

		long serverErrors;

	}

}
