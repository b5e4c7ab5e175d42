package com.chatrelay.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the relay's process used over a run, read from /proc: resident memory, threads, CPU time.
 * Everything is 0 without a pid or without /proc, so the benchmark still runs and reports less.
 * Controller thread only.
 */
final class ServerProcess {

	/** /proc/[pid]/stat counts CPU time in USER_HZ ticks, which Linux fixes at 100 a second for user space. */
	private static final long NANOS_PER_TICK = 10_000_000L;

	/** utime and stime in /proc/[pid]/stat, counted from the state field after the command's ')'. */
	private static final int UTIME_AFTER_NAME = 11;

	private final long pid;

	private long rssBeforeKb;

	private long rssLoggedInKb;

	private long rssAfterKb;

	private long threadsBefore;

	private long threadsMax;

	private long threadsAfter;

	private long cpuStart;

	private long cpuNanos;

	ServerProcess(long pid) {
		this.pid = pid;
	}

	boolean known() {
		return this.pid > 0;
	}

	/** Before the first connection. */
	void before() {
		this.rssBeforeKb = status("VmRSS:");
		this.threadsBefore = threads();
	}

	/** Once every client logged in. */
	void loggedIn() {
		this.rssLoggedInKb = status("VmRSS:");
		threads();
	}

	/** While the run goes on: the thread count may rise and fall between before and after. */
	void sample() {
		threads();
	}

	void startCpu() {
		this.cpuStart = cpuTicks();
	}

	void stopCpu() {
		this.cpuNanos = (cpuTicks() - this.cpuStart) * NANOS_PER_TICK;
	}

	/** At the end of the run, before the generator closes its clients. */
	void after() {
		this.rssAfterKb = status("VmRSS:");
		this.threadsAfter = threads();
	}

	long rssBeforeKb() {
		return this.rssBeforeKb;
	}

	long rssLoggedInKb() {
		return this.rssLoggedInKb;
	}

	long rssAfterKb() {
		return this.rssAfterKb;
	}

	/** The relay's threads and CPU as report fields; {@code seconds} is the time the CPU was measured over. */
	void putInto(Map<String, Object> values, double seconds) {
		values.put("serverThreadsBefore", this.threadsBefore);
		values.put("serverThreadsMax", this.threadsMax);
		values.put("serverThreadsAfter", this.threadsAfter);
		values.put("serverCpuSeconds", BenchReport.round(this.cpuNanos / 1e9));
		values.put("serverCpuPercent", (seconds > 0) ? BenchReport.round(100.0 * this.cpuNanos / 1e9 / seconds) : 0);
	}

	private long threads() {
		long threads = status("Threads:");
		this.threadsMax = Math.max(this.threadsMax, threads);
		return threads;
	}

	/** A number field of /proc/[pid]/status, such as {@code VmRSS:} (in kB) or {@code Threads:}. */
	private long status(String field) {
		if (this.pid <= 0) {
			return 0;
		}
		try {
			for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(this.pid), "status"))) {
				if (line.startsWith(field)) {
					return Long.parseLong(line.replaceAll("\\D", ""));
				}
			}
		}
		catch (IOException ex) {
			return 0; // gone, or no /proc
		}
		return 0;
	}

	/** User and system CPU of the process, in ticks; the command name may hold spaces, so fields count from its ')'. */
	private long cpuTicks() {
		if (this.pid <= 0) {
			return 0;
		}
		try {
			String stat = Files.readString(Path.of("/proc", String.valueOf(this.pid), "stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(fields[UTIME_AFTER_NAME]) + Long.parseLong(fields[UTIME_AFTER_NAME + 1]);
		}
		catch (IOException | NumberFormatException | IndexOutOfBoundsException ex) {
			return 0; // gone, no /proc, or a format this does not know
		}
	}

}
