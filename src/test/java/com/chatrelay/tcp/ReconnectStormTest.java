package com.chatrelay.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.chatrelay.chat.ChatServer;
import com.chatrelay.support.Http;
import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One address that reconnects in a loop (connect, name, 40 lines, close) reaches the room about as
 * much as one user, with the default connection rate; users behind one address who connect once are
 * untouched. Loopback addresses play the client hosts: 127.0.0.1 storms, the others watch.
 */
@TestPropertySource(properties = { "chat.tcp.connection-rate.exempt=127.0.0.9/32", "chat.admin.password=storm-secret" })
class ReconnectStormTest extends RelayTestBase {

	private static final Duration STORM = Duration.ofSeconds(3);

	private static final int PROBE_INTERVAL_MILLIS = 75;

	@Autowired
	private ChatServer server;

	@Autowired
	private MeterRegistry registry;

	@LocalServerPort
	private int httpPort;

	@Test
	void aReconnectLoopFromOneAddressReachesTheRoomLikeOneUser() throws Exception {
		Http admin = Http.to(this.httpPort).as("admin", "storm-secret");
		try (TestClient victim = TestClient.loginFrom("127.0.0.5", chatPort(), "victim")) {
			assertThat(admin.delete("/api/users/victim?reason=spam").statusCode()).isEqualTo(204);
			victim.awaitClosed();
		}
		double throttledBefore = throttled();
		AtomicInteger notices = new AtomicInteger();
		AtomicInteger lines = new AtomicInteger();
		List<Long> probeMillis = Collections.synchronizedList(new ArrayList<>());
		Storm storm = new Storm(chatPort());
		try (TestClient reader = TestClient.loginFrom("127.0.0.2", chatPort(), "reader");
				TestClient ping = TestClient.loginFrom("127.0.0.3", chatPort(), "ping");
				TestClient pong = TestClient.loginFrom("127.0.0.4", chatPort(), "pong")) {
			Thread readerThread = reading(reader, (line) -> {
				if (line.matches("\\[SERVER\\] storm-\\d+ (joined|left) the chat.*")) {
					notices.incrementAndGet();
				}
				else if (line.startsWith("[storm-")) {
					lines.incrementAndGet();
				}
			});
			Thread pongThread = reading(pong, (line) -> {
				if (line.startsWith("[ping] probe ")) {
					probeMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - Long.parseLong(line.substring(13))));
				}
			});
			Thread stormThread = new Thread(storm, "storm");
			stormThread.start();
			while (stormThread.isAlive()) {
				ping.send("probe " + System.nanoTime());
				stormThread.join(PROBE_INTERVAL_MILLIS); // under the probe's own rate limit (20 lines/s)
			}
			assertThat(storm.failure).as("the storm's own errors").isNull();
			System.out.printf("storm: %d cycles in %s, %d welcomed, %d refused%n", storm.cycles.get(), STORM,
					storm.welcomed.get(), storm.refused.get());
			// each welcomed cycle is one join and one leave; the leave may come a moment after its close
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(notices).hasValue(2 * storm.welcomed.get()));
			await().atMost(Duration.ofSeconds(10)).until(() -> probeMillis.size() >= storm.probesExpected(PROBE_INTERVAL_MILLIS));
			System.out.printf("storm: the reader got %d notices and %d lines; probe p50 %d ms, p99 %d ms, max %d ms of %d%n",
					notices.get(), lines.get(), percentile(probeMillis, 0.5), percentile(probeMillis, 0.99),
					percentile(probeMillis, 1), probeMillis.size());
			assertThat(storm.cycles.get()).as("cycles in %s: a storm", STORM).isGreaterThan(300);
			assertThat(notices.get()).as("join and leave notices of %d cycles", storm.cycles.get()).isLessThanOrEqualTo(100);
			assertThat(lines.get()).as("lines of %d welcomed cycles", storm.welcomed.get()).isLessThanOrEqualTo(400);
			assertThat(throttled() - throttledBefore).isEqualTo(storm.refused.get());
			// the target is 50 ms (met on a quiet machine); a shared CI machine gets this margin, which still
			// fails a probe held behind the storm for a pause of a second
			assertThat(percentile(probeMillis, 0.99)).as("probe p99 (ms) of %s", probeMillis).isLessThan(250);
			readerThread.interrupt();
			pongThread.interrupt();
		}
		JsonNode disconnects = Http.json(admin.get("/api/disconnects"));
		List<String> kept = new ArrayList<>();
		JsonNode refusals = null;
		for (JsonNode record : disconnects) {
			kept.add(record.get("name").asString("?") + " " + record.get("reason").asString());
			if ("connection rate".equals(record.get("detail").asString(null))) {
				refusals = record;
			}
		}
		assertThat(kept).as("the victim's kick outlives the storm").contains("victim kicked");
		assertThat(refusals).as("the refusals, as one entry").isNotNull();
		assertThat(refusals.get("count").asInt()).isEqualTo(storm.refused.get());
		assertThat(refusals.get("reason").asString()).isEqualTo("too_many_from_address");
	}

	@Test
	void twentyUsersBehindOneAddressConnectAtOnceAndEachSendsItsBurst() throws Exception {
		try (TestClient reader = TestClient.loginFrom("127.0.0.2", chatPort(), "office-reader")) {
			List<TestClient> office = Collections.synchronizedList(new ArrayList<>());
			CountDownLatch go = new CountDownLatch(1);
			List<Thread> threads = new ArrayList<>();
			ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
			for (int i = 0; i < 20; i++) {
				String name = "office-" + i;
				Thread thread = new Thread(() -> {
					try {
						go.await();
						office.add(TestClient.loginFrom("127.0.0.6", chatPort(), name));
					}
					catch (Throwable ex) {
						failures.add(ex);
					}
				});
				thread.start();
				threads.add(thread);
			}
			go.countDown();
			for (Thread thread : threads) {
				thread.join(10_000);
			}
			try {
				assertThat(failures).as("refused or failed logins").isEmpty();
				assertThat(office).hasSize(20);
				for (TestClient colleague : office) {
					StringBuilder burst = new StringBuilder();
					for (int line = 0; line < 40; line++) {
						burst.append("line ").append(line).append('\n');
					}
					colleague.sendRaw(burst.toString().getBytes(StandardCharsets.UTF_8));
				}
				int received = 0;
				while (received < 800) {
					String line = reader.readLine();
					assertThat(line).as("after %d of 800 lines", received).isNotNull().doesNotContain("slow down");
					if (line.startsWith("[office-")) {
						received++;
					}
				}
			}
			finally {
				office.forEach(TestClient::close);
			}
		}
	}

	@Test
	void pastItsBurstAnAddressReadsWhyAndIsCounted() {
		double throttledBefore = throttled();
		double closedBefore = this.registry.get("chat.connections.closed").tag("reason", "too_many_from_address").counter().count();
		List<TestClient> open = new ArrayList<>();
		try {
			for (int i = 0; i < 30; i++) {
				try (TestClient client = TestClient.connectFrom("127.0.0.7", chatPort())) {
					client.expectLine("Enter your name:"); // and closed at once, as a reconnect loop does
				}
			}
			// the 30 closes are counted as the room learns of them
			await().atMost(Duration.ofSeconds(5)).until(() -> this.server.openConnections() == 0);
			for (int i = 0; i < 50; i++) {
				TestClient stays = TestClient.connectFrom("127.0.0.9", chatPort());
				open.add(stays);
				stays.expectLine("Enter your name:"); // connections that stay are never throttled
			}
			try (TestClient refused = TestClient.connectFrom("127.0.0.7", chatPort())) {
				refused.expectLine("[SERVER] error: too many connections from your address, try again later");
				refused.expectClosed();
			}
			assertThat(throttled()).isEqualTo(throttledBefore + 1);
			assertThat(this.registry.get("chat.connections.closed").tag("reason", "too_many_from_address").counter().count())
				.isEqualTo(closedBefore + 1);
			try (TestClient elsewhere = TestClient.loginFrom("127.0.0.8", chatPort(), "elsewhere")) {
				elsewhere.send("/who");
				elsewhere.awaitLine((line) -> line.startsWith("[SERVER] online"));
			}
		}
		finally {
			open.forEach(TestClient::close);
		}
	}

	@Test
	void anExemptAddressIsNotThrottled() {
		double throttledBefore = throttled();
		for (int i = 0; i < 100; i++) {
			try (TestClient client = TestClient.connectFrom("127.0.0.9", chatPort())) {
				client.expectLine("Enter your name:");
			}
		}
		assertThat(throttled()).isEqualTo(throttledBefore);
	}

	private double throttled() {
		return this.registry.get("chat.connections.throttled").counter().count();
	}

	/** A daemon thread that hands each line the client reads to {@code each}, until the socket closes. */
	private static Thread reading(TestClient client, Consumer<String> each) {
		Thread thread = new Thread(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				String line = client.readLine(Duration.ofMinutes(1)); // null at the end or after a minute of silence
				if (line == null) {
					return;
				}
				each.accept(line);
			}
		}, "reader-" + client.name());
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	private static long percentile(List<Long> values, double fraction) {
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.isEmpty() ? Long.MAX_VALUE : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(fraction * sorted.size())));
	}

	/**
	 * From 127.0.0.1 for {@link #STORM}: connect, name and 40 lines, close once welcomed; again. (A
	 * loop that reads to the end waits for the relay's pause of a client over its rate limit.)
	 */
	private static final class Storm implements Runnable {

		private static final int MAX_CYCLES = 200_000;

		private final int port;

		final AtomicInteger cycles = new AtomicInteger();

		final AtomicInteger welcomed = new AtomicInteger();

		final AtomicInteger refused = new AtomicInteger();

		volatile Throwable failure;

		private volatile long tookNanos;

		Storm(int port) {
			this.port = port;
		}

		/** Probes sent every {@code intervalMillis} while it ran, less a few for timing. */
		int probesExpected(int intervalMillis) {
			return (int) (TimeUnit.NANOSECONDS.toMillis(this.tookNanos) / intervalMillis / 2);
		}

		@Override
		public void run() {
			long start = System.nanoTime();
			long end = start + STORM.toNanos();
			try {
				while (System.nanoTime() < end && this.cycles.get() < MAX_CYCLES) {
					cycle(this.cycles.incrementAndGet());
				}
			}
			catch (Throwable ex) {
				this.failure = ex;
			}
			this.tookNanos = System.nanoTime() - start;
		}

		private void cycle(int n) throws IOException {
			try (Socket socket = new Socket()) {
				socket.bind(new InetSocketAddress("127.0.0.1", 0));
				socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
				socket.setSoTimeout(5000);
				InputStream in = socket.getInputStream();
				OutputStream out = socket.getOutputStream();
				String first = line(in);
				if (!"Enter your name:".equals(first)) {
					assertThat(first).isEqualTo("[SERVER] error: too many connections from your address, try again later");
					this.refused.incrementAndGet();
					return;
				}
				StringBuilder all = new StringBuilder("storm-" + n + "\n");
				for (int i = 0; i < 40; i++) {
					all.append("storm line ").append(i).append('\n');
				}
				out.write(all.toString().getBytes(StandardCharsets.UTF_8));
				// the welcome comes once the name and the lines after it were read: then the loop closes
				if (line(in).startsWith("[SERVER] welcome, storm-" + n + "!")) {
					this.welcomed.incrementAndGet();
				}
			}
		}

		private static String line(InputStream in) throws IOException {
			StringBuilder line = new StringBuilder();
			int b;
			while ((b = in.read()) >= 0 && b != '\n') {
				line.append((char) b);
			}
			return line.toString();
		}

	}

}
