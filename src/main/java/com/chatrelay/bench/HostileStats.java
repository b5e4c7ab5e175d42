package com.chatrelay.bench;

import java.util.Map;

/**
 * What one selector loop's hostile clients did. Written by its loop, read by the controller: every
 * method holds the lock, which no other loop ever takes.
 */
final class HostileStats {

	private boolean measuring;

	private long floodersLoggedIn;

	private long floodBytes;

	private long floodersDropped;

	private long stallersConnected;

	private int stallerCheck;

	private long stallersOpen;

	private long churnStarted;

	private long churnHalfClosed;

	private long churnWelcomed;

	private long churnEnded;

	private long churnReset;

	private long churnFailed;

	private long connectErrors;

	/** A measured step starts: its flood bytes and churners are counted afresh. */
	synchronized void startStep() {
		this.measuring = true;
		this.floodBytes = 0;
		this.churnStarted = 0;
		this.churnHalfClosed = 0;
		this.churnWelcomed = 0;
		this.churnEnded = 0;
		this.churnReset = 0;
		this.churnFailed = 0;
	}

	/** Flooders go on writing until the end; only what they wrote while the step sent counts. */
	synchronized void stopSending() {
		this.measuring = false;
	}

	synchronized void flooderLoggedIn() {
		this.floodersLoggedIn++;
	}

	synchronized void flooded(long bytes) {
		if (this.measuring) {
			this.floodBytes += bytes;
		}
	}

	synchronized void flooderDropped() {
		this.floodersDropped++;
	}

	synchronized void stallerConnected() {
		this.stallersConnected++;
	}

	/** The answer to the controller's check number {@code check}: this many stallers were still connected. */
	synchronized void stallersChecked(int check, long open) {
		this.stallerCheck = check;
		this.stallersOpen = open;
	}

	synchronized void churnStarted() {
		this.churnStarted++;
	}

	synchronized void churnHalfClosed() {
		this.churnHalfClosed++;
	}

	/** A half-closed churner read to the end of the stream, having seen its welcome or not. */
	synchronized void churnEnded(boolean welcomed) {
		this.churnEnded++;
		if (welcomed) {
			this.churnWelcomed++;
		}
	}

	synchronized void churnReset() {
		this.churnReset++;
	}

	/** A churner that could not connect, or whose connection failed before its end. */
	synchronized void churnFailed() {
		this.churnFailed++;
	}

	synchronized void connectError() {
		this.connectErrors++;
	}

	synchronized int stallerCheck() {
		return this.stallerCheck;
	}

	synchronized void addTo(Totals totals) {
		totals.floodersLoggedIn += this.floodersLoggedIn;
		totals.floodBytes += this.floodBytes;
		totals.floodersDropped += this.floodersDropped;
		totals.stallersConnected += this.stallersConnected;
		totals.stallersOpen += this.stallersOpen;
		totals.churnStarted += this.churnStarted;
		totals.churnHalfClosed += this.churnHalfClosed;
		totals.churnWelcomed += this.churnWelcomed;
		totals.churnEnded += this.churnEnded;
		totals.churnReset += this.churnReset;
		totals.churnFailed += this.churnFailed;
		totals.connectErrors += this.connectErrors;
	}

	/** The sum over all loops. */
	static final class Totals {

		long floodersLoggedIn;

		long floodBytes;

		long floodersDropped;

		long stallersConnected;

		long stallersOpen;

		long churnStarted;

		long churnHalfClosed;

		long churnWelcomed;

		long churnEnded;

		long churnReset;

		long churnFailed;

		long connectErrors;

		/** Flooders and stallers are all in. */
		boolean connected(BenchOptions options) {
			return this.floodersLoggedIn >= options.flooders() && this.stallersConnected >= options.stallers();
		}

		/** Every churner of the step has started and is done: ended, reset or failed. */
		boolean churnDone(BenchOptions options) {
			return this.churnStarted >= options.churn()
					&& this.churnEnded + this.churnReset + this.churnFailed >= this.churnStarted;
		}

		/** Whether the relay served every polite one-shot client: each got its welcome before the end. */
		boolean churnServed(BenchOptions options) {
			return options.churn() == 0 || (this.churnWelcomed == this.churnHalfClosed && churnDone(options));
		}

		/** The fields of the hostile clients in use, for a report; {@code seconds} is the measured time. */
		void putInto(Map<String, Object> values, BenchOptions options, double seconds) {
			if (options.flooders() > 0) {
				values.put("floodersLoggedIn", this.floodersLoggedIn);
				values.put("floodBytes", this.floodBytes);
				values.put("floodMBPerSecond", BenchReport.round(this.floodBytes / 1e6 / seconds));
				values.put("floodersDropped", this.floodersDropped);
			}
			if (options.stallers() > 0) {
				values.put("stallersConnected", this.stallersConnected);
				values.put("stallersOpenAtEnd", this.stallersOpen);
			}
			if (options.churn() > 0) {
				values.put("churnStarted", this.churnStarted);
				values.put("churnHalfClosed", this.churnHalfClosed);
				values.put("churnWelcomed", this.churnWelcomed);
				values.put("churnReset", this.churnReset);
				values.put("churnFailed", this.churnFailed);
				values.put("churnUnfinished",
						this.churnStarted - this.churnEnded - this.churnReset - this.churnFailed);
			}
			if (options.flooders() + options.stallers() > 0) {
				values.put("hostileConnectErrors", this.connectErrors);
			}
		}

	}

}
