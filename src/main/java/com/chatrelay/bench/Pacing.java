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

	/** The same phase as one value, for a reader that must not mix a new step with an old start. */
	volatile Phase current = new Phase(0, 0, 0);

	/** Raised by the controller to have every loop check whether its stallers are still connected. */
	volatile int stallerCheck;

	void startPhase(int newStep, long interval) {
		this.step = newStep;
		this.intervalNanos = interval;
		this.phaseStart = System.nanoTime();
		this.phase++;
		this.current = new Phase(this.phase, newStep, this.phaseStart);
		this.sending = true;
	}

	/** A phase: its number (0 before the first), its step (0 for warm-up) and when it started. */
	record Phase(long number, int step, long start) {
	}

}
