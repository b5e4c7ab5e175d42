package com.chatrelay.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.ObjectMapper;

/**
 * {@code java -jar chat-relay.jar bench ...}: the load generator's entry point, with no Spring
 * context. Prints a table, then one JSON line (the last line of the output) for scripts.
 */
public final class BenchCommand {

	/** Time allowed to log every client in; the target for 10,000 idle clients is 5 s. */
	private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(120);

	private BenchCommand() {
	}

	/** {@link #run(String[], PrintStream, PrintStream)} with errors on {@code out} too. */
	public static int run(String[] args, PrintStream out) {
		return run(args, out, out);
	}

	/**
	 * A bad argument is one line on {@code err}, as the client does.
	 * @return the process exit code: 0 when the run passed (or for {@code --help}), 1 when it failed, 2 for bad usage
	 */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		if (BenchOptions.isHelp(args)) {
			out.print(BenchOptions.USAGE);
			return 0;
		}
		BenchOptions options;
		try {
			options = BenchOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			err.println("bench: " + ex.getMessage() + "; " + BenchOptions.USAGE.lines().findFirst().orElseThrow()
					+ " (--help lists the options)");
			return 2;
		}
		try (LoadGenerator generator = new LoadGenerator(options)) {
			generator.connect(LOGIN_TIMEOUT);
			if (options.idle()) {
				return print(out, "idle", generator.idle());
			}
			if (options.ladder().isEmpty()) {
				return print(out, "run at " + options.rate() + " lines/s", generator.run(options.rate()));
			}
			return ladder(options, generator, out);
		}
		catch (Exception ex) {
			out.println("bench: failed: " + ex.getMessage());
			return 1;
		}
	}

	private static int ladder(BenchOptions options, LoadGenerator generator, PrintStream out) throws InterruptedException {
		List<Map<String, Object>> steps = new ArrayList<>();
		Double best = null;
		for (double rate : options.ladder()) {
			BenchReport report = generator.run(rate);
			out.println("step at " + rate + " lines/s: " + (report.passed() ? "passed" : "FAILED"));
			out.print(report.table());
			steps.add(report.values());
			if (!report.passed()) {
				break;
			}
			best = rate;
		}
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("mode", "ladder");
		summary.put("bestRate", best);
		summary.put("steps", steps);
		out.println("best rate with no lost or late line and p99 under " + options.maxP99Millis() + " ms: " + best + " lines/s");
		out.println(new ObjectMapper().writeValueAsString(summary));
		return (best != null) ? 0 : 1;
	}

	private static int print(PrintStream out, String title, BenchReport report) {
		out.println(title + ": " + (report.passed() ? "passed" : "FAILED"));
		out.print(report.table());
		out.println(report.json());
		return report.passed() ? 0 : 1;
	}

}
