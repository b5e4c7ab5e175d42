package com.chatrelay.bench;

/**
 * What the controller tells the selector loops: whether to send, at what pace, for which step.
 * A new {@code phase} restarts every sender's schedule from {@code phaseStart}.
 */
final class Pacing {

	volatile boolean running = true;

	volatile boolean sending;

	/** Lines of step 0 are warm-up; steps from 1 are measured. */
	volatile int step;

	volatile long intervalNanos;

	volatile long phaseStart;

	volatile long phase;

	void startPhase(int newStep, long interval) {
		this.step = newStep;
		this.intervalNanos = interval;
		this.phaseStart = System.nanoTime();
		this.phase++;
		this.sending = true;
	}

}
