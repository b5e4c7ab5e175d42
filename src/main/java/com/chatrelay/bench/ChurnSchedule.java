package com.chatrelay.bench;

import java.util.function.Consumer;

/**
 * When one loop's churners are due: spread evenly over each measured step (the loops take turns,
 * each starting every n-th one), and named apart from step to step. Loop thread only.
 */
final class ChurnSchedule {

	private final BenchOptions options;

	private final Pacing pacing;

	private final int loopNumber;

	private final int loops;

	private long phase;

	private int next;

	ChurnSchedule(BenchOptions options, Pacing pacing, int loopNumber, int loops) {
		this.options = options;
		this.pacing = pacing;
		this.loopNumber = loopNumber;
		this.loops = loops;
	}

	/** Hands every churner due by {@code now} to {@code start}. @return when the next one is due */
	long startDue(long now, Consumer<HostileClient> start) {
		// one read of the phase: its step and start must belong together
		Pacing.Phase current = this.pacing.current;
		int total = this.options.churn();
		if (total == 0 || current.step() == 0) {
			return Long.MAX_VALUE; // none asked for, or a warm-up
		}
		if (current.number() != this.phase) {
			this.phase = current.number();
			this.next = this.loopNumber;
		}
		long span = this.options.duration().toNanos();
		while (this.next < total) {
			long due = current.start() + span * this.next / total;
			if (due - now > 0) {
				return due;
			}
			// names differ from step to step, in case a reset one still lingers in the relay
			String name = this.options.namePrefix() + "churn" + ((current.step() - 1) * total + this.next);
			start.accept(HostileClient.churner(name, this.next % 2 == 0)); // every other one half-closes
			this.next += this.loops;
		}
		return Long.MAX_VALUE;
	}

}
