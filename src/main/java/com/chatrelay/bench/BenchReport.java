package com.chatrelay.bench;

import java.util.LinkedHashMap;
import java.util.Map;

import org.HdrHistogram.Histogram;
import tools.jackson.databind.ObjectMapper;

/** The numbers of one run or ladder step, as a table for people and one JSON line for scripts. */
record BenchReport(Map<String, Object> values, boolean passed) {

	private static final ObjectMapper JSON = new ObjectMapper();

	/** @param serverCpuSeconds the time over which {@code server} measured the relay's CPU */
	static BenchReport run(BenchOptions options, double rate, LoopStats.Totals totals, HostileStats.Totals hostile,
			long sendingNanos, long cpuNanos, long connectNanos, ServerProcess server, double serverCpuSeconds) {
		Map<String, Object> values = common("run", options, totals, connectNanos);
		long expected = totals.expected; // each sent line times the other readers of its room
		// every expected line is delivered (within the drain), late (after it) or lost (never seen)
		long lost = Math.max(0, expected - totals.delivered - totals.late);
		double seconds = sendingNanos / 1e9;
		values.put("rate", rate);
		values.put("sent", totals.sent);
		values.put("expected", expected);
		values.put("delivered", totals.delivered);
		values.put("late", totals.late);
		values.put("lost", lost);
		values.put("duplicated", totals.duplicated);
		values.put("reordered", totals.reordered);
		if (options.plan().inRooms() || totals.misrouted > 0) {
			// without rooms only a line from a sender this run does not have (another generator's) can be misrouted
			values.put("misrouted", totals.misrouted);
		}
		values.put("drainSeconds", options.drain().toMillis() / 1000.0);
		values.put("lateWaitSeconds", options.lateWait().toMillis() / 1000.0);
		values.put("sentPerSecond", round(totals.sent / seconds));
		values.put("deliveredPerSecond", round(totals.delivered / seconds));
		Histogram latency = totals.latency;
		values.put("p50Ms", millis(latency, 50));
		values.put("p90Ms", millis(latency, 90));
		values.put("p99Ms", millis(latency, 99));
		values.put("p999Ms", millis(latency, 99.9));
		values.put("maxMs", round(latency.getMaxValue() / 1e6));
		if (options.ports().size() > 1) {
			Histogram crossed = totals.crossLatency;
			values.put("crossReplicaDelivered", crossed.getTotalCount());
			values.put("crossReplicaP50Ms", millis(crossed, 50));
			values.put("crossReplicaP99Ms", millis(crossed, 99));
			values.put("crossReplicaMaxMs", round(crossed.getMaxValue() / 1e6));
		}
		values.put("generatorCpuSeconds", round(cpuNanos / 1e9));
		values.put("generatorCpuPercent", round(100.0 * cpuNanos / sendingNanos));
		values.put("serverRssKb", server.rssLoggedInKb()); // once logged in, as before; then before and after the run
		if (server.known()) {
			values.put("serverRssBeforeKb", server.rssBeforeKb());
			values.put("serverRssAfterKb", server.rssAfterKb());
			server.putInto(values, serverCpuSeconds);
		}
		hostile.putInto(values, options, seconds);
		// flooders and stallers the relay cuts off are its defence; a polite one-shot client left unwelcomed is a fault
		boolean passed = lost == 0 && totals.late == 0 && totals.duplicated == 0 && totals.misrouted == 0 && totals.sent > 0
				&& millis(latency, 99) < options.maxP99Millis() && errors(totals) == 0 && hostile.churnServed(options);
		values.put("passed", passed);
		return new BenchReport(values, passed);
	}

	static BenchReport idle(BenchOptions options, LoopStats.Totals totals, HostileStats.Totals hostile,
			long connectNanos, ServerProcess server) {
		Map<String, Object> values = common("idle", options, totals, connectNanos);
		// what a connection costs: memory right after the logins, as the idle runs always measured it
		long rssBeforeKb = server.rssBeforeKb();
		long rssAfterKb = server.rssLoggedInKb();
		int connections = options.clients() + options.stallers(); // stallers are in by then too
		values.put("serverRssBeforeKb", rssBeforeKb);
		values.put("serverRssAfterKb", rssAfterKb);
		values.put("serverRssPerConnectionKb",
				(rssBeforeKb > 0) ? round((rssAfterKb - rssBeforeKb) / (double) connections) : null);
		if (server.known()) {
			server.putInto(values, options.duration().toMillis() / 1000.0);
		}
		hostile.putInto(values, options, options.duration().toMillis() / 1000.0);
		boolean passed = totals.loggedIn == options.clients() && errors(totals) == 0;
		values.put("passed", passed);
		return new BenchReport(values, passed);
	}

	private static Map<String, Object> common(String mode, BenchOptions options, LoopStats.Totals totals, long connectNanos) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("mode", mode);
		values.put("clients", options.clients());
		values.put("senders", options.idle() ? 0 : options.senders());
		values.put("stuck", options.stuck());
		values.put("flooders", options.flooders());
		values.put("stallers", options.stallers());
		values.put("churn", options.churn());
		if (options.plan().inRooms()) {
			values.put("rooms", options.rooms());
			values.put("roomSpread", options.roomSpread().toString());
		}
		values.put("payloadBytes", options.payload());
		values.put("durationSeconds", options.duration().toMillis() / 1000.0);
		values.put("loggedIn", totals.loggedIn);
		values.put("connectSeconds", round(connectNanos / 1e9));
		values.put("errors", errors(totals));
		values.put("connectErrors", totals.connectErrors);
		values.put("disconnects", totals.disconnects);
		values.put("serverErrors", totals.serverErrors);
		return values;
	}

	private static long errors(LoopStats.Totals totals) {
		return totals.connectErrors + totals.disconnects + totals.serverErrors;
	}

	private static double millis(Histogram histogram, double percentile) {
		return (histogram.getTotalCount() == 0) ? 0 : round(histogram.getValueAtPercentile(percentile) / 1e6);
	}

	static double round(double value) {
		return Math.round(value * 1000) / 1000.0;
	}

	String json() {
		return JSON.writeValueAsString(this.values);
	}

	/** Two columns, one number a row; then, with churn, how many of the polite churners the relay welcomed. */
	String table() {
		StringBuilder table = new StringBuilder();
		this.values.forEach((name, value) -> table.append(String.format("  %-26s %s%n", name, value)));
		if (this.values.containsKey("churnWelcomed")) {
			table.append(String.format("  churn welcomed %s/%s%n", this.values.get("churnWelcomed"),
					this.values.get("churnHalfClosed")));
		}
		return table.toString();
	}

}
