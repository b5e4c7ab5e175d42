package com.chatrelay.bench;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.boot.convert.DurationStyle;

/**
 * What one benchmark run does, from {@code --name=value} arguments.
 *
 * @param host the relay's host
 * @param port the relay's chat port
 * @param clients connections to open and log in
 * @param senders how many of them send (the first ones)
 * @param rate lines per second in, all senders together (open loop)
 * @param duration measured time per run or ladder step
 * @param warmup time before each measurement whose lines are not counted
 * @param payload bytes of each chat line's text
 * @param stuck clients (the last ones) that log in and then never read
 * @param idle connect, log in and hold the clients; send nothing
 * @param ladder rates to try in turn, stopping at the first that fails; empty for a single run
 * @param sourceAddresses local addresses to bind in turn, to get past one address's ephemeral ports
 * @param threads selector threads of the load generator
 * @param drain how long to wait for lines still in flight after sending stops; they count as delivered
 * @param lateWait how long after the drain to keep counting arrivals, as late, before the rest counts as lost
 * @param serverPid the relay's process id, to read its resident memory; 0 for none
 * @param simulateLoss lines the senders count as sent but never write (checks the loss detector)
 * @param simulateLate lines the first sender holds back until the drain is over (checks the late count)
 * @param maxP99Millis a run passes with no lost or late line and a p99 below this
 * @param namePrefix prefix of the clients' names
 * @param flooders extra clients that log in, then write {@code a\n} as fast as their socket takes it and never read
 * @param floodersRead the flooders read (and drop) everything they are sent, as {@code yes a | nc host 5555} does
 * @param stallers extra clients that send half a line, or half a name, and then nothing for the whole run
 * @param churn one-shot clients spread over each measured step: they connect, send a name, {@code /help} and
 *        {@code /who}, then half-close and read until the relay closes, or (every other one) reset
 * @param ports the chat ports of the relay's replicas: client {@code i} connects to {@code ports[i % n]},
 *        so with several, senders and readers are spread over them and lines cross replicas
 * @param tls the ordinary clients speak TLS (encrypting, not checking the certificate: a load generator)
 * @param rooms rooms ({@code #r0}, {@code #r1}, ...) the clients are spread over (SPEC §9); 1: all stay in the
 *        default room, with no room command, as before rooms existed
 * @param roomSpread with several ports, whether each room's members are on every replica or all on one
 * @param defaultRoom the relay's default room ({@code chat.rooms.default}), which the clients part once in their room
 */
record BenchOptions(String host, int port, int clients, int senders, double rate, Duration duration, Duration warmup,
		int payload, int stuck, boolean idle, List<Double> ladder, List<String> sourceAddresses, int threads,
		Duration drain, Duration lateWait, long serverPid, int simulateLoss, int simulateLate, double maxP99Millis,
		String namePrefix, int flooders, boolean floodersRead, int stallers, int churn, List<Integer> ports,
		boolean tls, int rooms, RoomPlan.Spread roomSpread, String defaultRoom) {

	static final String USAGE = """
			usage: java -jar chat-relay.jar bench [--name=value ...]
			  --host=127.0.0.1 --port=5555       the relay
			  --ports=5555,5556                  replicas of a clustered relay: clients are spread over
			                                     them (client i on port i mod n), and the latency of
			                                     lines that crossed replicas is reported on its own
			  --clients=100 --senders=10         connections; the first ones send
			  --rate=1000                        lines/s in, all senders together (open loop)
			  --duration=10s --warmup=2s         measured time, and unmeasured time before it
			  --payload=64                       bytes of text per line
			  --stuck=0                          clients (the last ones) that never read
			  --idle                             only connect, log in and hold --duration
			  --ladder=1000,3000,10000           rates to climb; stops at the first failing one
			  --source-addresses=127.0.0.1,...   local addresses to bind in turn
			  --threads=1                        selector threads of the load generator
			  --drain=5s                         after sending, wait for lines in flight (delivered)
			  --late-wait=5s                     then count arrivals as late; lines still missing are lost
			  --server-pid=PID                   read the relay's memory, threads and CPU from /proc
			  --max-p99-ms=100                   pass mark of a run (with no lost or late line)
			  --simulate-loss=0                  lines counted as sent but never written
			  --simulate-late=0                  lines held back until the drain is over (late)
			  --name-prefix=b                    prefix of the clients' names (b0, b1, ...); give each
			                                     generator its own when several run against one relay
			  --tls                              speak TLS (to a relay with chat.tcp.ssl.bundle); the
			                                     certificate is not checked: a load generator, not a client
			  --rooms=1                          spread the clients over rooms #r0, #r1, ... (client i in
			                                     #r(i mod n)): each joins its room and parts the default
			                                     room, and a line must reach the other members of its room
			                                     only (else it counts as misrouted); 1: the default room only
			  --room-spread=across               with --ports and --rooms: across puts each room's members
			                                     on every replica, together all of a room on one replica
			  --default-room=#lobby              the relay's default room (chat.rooms.default)
			  --help                             print this and exit
			hostile clients, beside the ones above (their latency is what the hostile ones cost others):
			  --flooders=0                       log in (bflood0, ...), then write a\\n as fast as the
			                                     socket takes it, never reading; not with --idle
			  --flooders-read                    the flooders read what they get, as yes a | nc does:
			                                     the relay keeps them, and they cost it every delivery
			  --stallers=0                       send bstaller0\\nhalf a li (every other one: half a na)
			                                     and then nothing, connected for the whole run
			  --churn=0                          one-shot clients spread over each measured --duration:
			                                     name, /help, /who, then a half-close and read to the
			                                     end, or (every other one) a reset; not with --idle
			durations as Spring Boot reads them: 10s, 300ms, 2m, PT1.5S; a plain number means seconds
			""";

	/** Arguments that ask for the usage instead of a run. */
	static boolean isHelp(String[] args) {
		for (String arg : args) {
			if (arg.equals("--help") || arg.equals("-h")) {
				return true;
			}
		}
		return false;
	}

	static BenchOptions parse(String[] args) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("unexpected argument " + arg);
			}
			int equals = arg.indexOf('=');
			values.put(equals < 0 ? arg.substring(2) : arg.substring(2, equals), equals < 0 ? "true" : arg.substring(equals + 1));
		}
		BenchOptions options = new BenchOptions(take(values, "host", "127.0.0.1"),
				number("port", values.getOrDefault("port", "5555"), Integer::parseInt), integer(values, "clients", "100"),
				integer(values, "senders", "10"), decimal(values, "rate", "1000"), duration(take(values, "duration", "10s")),
				duration(take(values, "warmup", "2s")), integer(values, "payload", "64"), integer(values, "stuck", "0"),
				Boolean.parseBoolean(take(values, "idle", "false")), rates(take(values, "ladder", "")),
				list(take(values, "source-addresses", "")), integer(values, "threads", "1"),
				duration(take(values, "drain", "5s")), duration(take(values, "late-wait", "5s")),
				number("server-pid", take(values, "server-pid", "0"), Long::parseLong), integer(values, "simulate-loss", "0"),
				integer(values, "simulate-late", "0"), decimal(values, "max-p99-ms", "100"), take(values, "name-prefix", "b"),
				integer(values, "flooders", "0"), Boolean.parseBoolean(take(values, "flooders-read", "false")),
				integer(values, "stallers", "0"), integer(values, "churn", "0"),
				ports(take(values, "ports", ""), take(values, "port", "5555")), Boolean.parseBoolean(take(values, "tls", "false")),
				integer(values, "rooms", "1"), RoomPlan.Spread.parse(take(values, "room-spread", "across")),
				room(take(values, "default-room", "#lobby")));
		if (!values.isEmpty()) {
			throw new IllegalArgumentException("unknown option(s) " + values.keySet());
		}
		options.check();
		return options;
	}

	private void check() {
		if (this.clients < 1 || this.senders < 0 || this.senders + this.stuck > this.clients) {
			throw new IllegalArgumentException("need 1 <= clients and senders + stuck <= clients");
		}
		if (!this.idle && (this.senders < 1 || this.clients - this.stuck < 2)) {
			throw new IllegalArgumentException("need a sender and another client that reads");
		}
		if (this.payload < 48) {
			throw new IllegalArgumentException("payload must be at least 48 bytes (it carries a timestamp and a sequence)");
		}
		if (this.threads < 1) {
			throw new IllegalArgumentException("threads must be at least 1");
		}
		if (this.flooders < 0 || this.stallers < 0 || this.churn < 0) {
			throw new IllegalArgumentException("flooders, stallers and churn must not be negative");
		}
		if (this.idle && (this.flooders > 0 || this.churn > 0)) {
			// both act during a run: an idle hold would count them without their doing anything
			throw new IllegalArgumentException("flooders and churn need a run, not --idle");
		}
		if (this.tls && (this.flooders > 0 || this.stallers > 0 || this.churn > 0)) {
			throw new IllegalArgumentException("hostile clients speak plain TCP: not with --tls");
		}
		if (this.roomSpread == RoomPlan.Spread.TOGETHER && this.rooms < 2) {
			throw new IllegalArgumentException("--room-spread=together needs --rooms=2 or more");
		}
		plan(); // checks --rooms
		if (this.duration.isNegative() || this.warmup.isNegative() || this.drain.isNegative() || this.lateWait.isNegative()) {
			throw new IllegalArgumentException("durations must not be negative");
		}
	}

	/** Copies with another rate, for the steps of a ladder. */
	BenchOptions withRate(double newRate) {
		return new BenchOptions(this.host, this.port, this.clients, this.senders, newRate, this.duration, this.warmup,
				this.payload, this.stuck, this.idle, this.ladder, this.sourceAddresses, this.threads, this.drain,
				this.lateWait, this.serverPid, this.simulateLoss, this.simulateLate, this.maxP99Millis, this.namePrefix,
				this.flooders, this.floodersRead, this.stallers, this.churn, this.ports, this.tls, this.rooms,
				this.roomSpread, this.defaultRoom);
	}

	/** Where each client is: its room and its replica. */
	RoomPlan plan() {
		return new RoomPlan(this.clients, this.senders, this.stuck, this.rooms, this.ports.size(), this.roomSpread);
	}

	/** The replica (its index in {@link #ports}) that client {@code index} connects to. */
	int replicaOf(int index) {
		return plan().replicaOf(index);
	}

	private static String take(Map<String, String> values, String name, String fallback) {
		String value = values.remove(name);
		return (value != null) ? value : fallback;
	}

	private static int integer(Map<String, String> values, String name, String fallback) {
		return number(name, take(values, name, fallback), Integer::parseInt);
	}

	private static double decimal(Map<String, String> values, String name, String fallback) {
		return number(name, take(values, name, fallback), Double::parseDouble);
	}

	/** Reads an option's number; not a number is a usage error naming the option, not Java's "For input string". */
	private static <T extends Number> T number(String option, String text, Function<String, T> parser) {
		try {
			return parser.apply(text.trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + option + " needs a number, not '" + text + "'");
		}
	}

	/** {@code 10s}, {@code 300ms}, {@code PT1.5S}; a plain number is seconds, as before. */
	static Duration duration(String text) {
		return DurationStyle.detectAndParse(text.trim(), ChronoUnit.SECONDS);
	}

	/** {@code --ports}, else the one {@code --port}. */
	private static List<Integer> ports(String text, String port) {
		List<Integer> ports = new ArrayList<>();
		for (String item : list(text.isEmpty() ? port : text)) {
			int value = number("ports", item, Integer::parseInt);
			if (value < 1 || value > 65535) {
				throw new IllegalArgumentException("not a port: " + item);
			}
			ports.add(value);
		}
		if (ports.isEmpty()) {
			throw new IllegalArgumentException("--ports needs at least one port");
		}
		return List.copyOf(ports);
	}

	/** A room name with its {@code #}, given with or without it. */
	private static String room(String text) {
		String name = text.trim();
		return name.startsWith("#") ? name : "#" + name;
	}

	private static List<Double> rates(String text) {
		List<Double> rates = new ArrayList<>();
		for (String item : list(text)) {
			rates.add(number("ladder", item, Double::parseDouble));
		}
		return rates;
	}

	private static List<String> list(String text) {
		List<String> items = new ArrayList<>();
		for (String item : text.split(",")) {
			if (!item.isBlank()) {
				items.add(item.trim());
			}
		}
		return items;
	}

}
