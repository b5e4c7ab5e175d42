package com.chatrelay.tcp;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import com.chatrelay.chat.ChatServer;
import io.micrometer.core.instrument.MeterRegistry;
import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a public chat port sees from strangers: floods, half lines that never end, resets. None of
 * it may start a thread per client, delay the users who behave, or grow the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class HostileClientsTest extends RelayTestBase {

	/** The service's threads may vary by a few (Tomcat, timers); never by one per client. */
	private static final int THREAD_SLACK = 15;

	private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	@Autowired
	private ChatServer server;

	@Autowired
	private MeterRegistry registry;

	@Test
	void floodersCostNoThreadsAndDelayNobody() throws Exception {
		int flooders = 100;
		List<SocketChannel> channels = new ArrayList<>();
		ExecutorService flood = Executors.newSingleThreadExecutor();
		AtomicBoolean flooding = new AtomicBoolean(true);
		try (TestClient alice = login("alice"); TestClient bob = login("bob")) {
			for (int i = 0; i < flooders; i++) {
				channels.add(open("flooder" + i + "\n"));
			}
			int before = this.threads.getThreadCount();
			Future<?> floodDone = flood.submit(() -> floodUntil(channels, flooding));
			// each flooder's first 40 lines are a legal burst, relayed to everybody: measure once the limit bites
			await().atMost(Duration.ofSeconds(30)).until(() -> rateLimited() >= 100_000);
			for (int i = 0; i < 10; i++) {
				// the others' backlog of burst lines drains, and the JIT warms up the paths
				alice.send("warm-up " + i);
				bob.awaitLine("[alice] warm-up " + i);
			}
			long worst = 0;
			for (int i = 0; i < 20; i++) {
				long start = System.nanoTime();
				alice.send("ping " + i);
				bob.awaitLine("[alice] ping " + i);
				worst = Math.max(worst, System.nanoTime() - start);
			}
			int during = this.threads.getThreadCount();
			flooding.set(false);
			floodDone.get();
			assertThat(during).as("threads while %d clients flood", flooders).isLessThanOrEqualTo(before + THREAD_SLACK);
			assertThat(Duration.ofNanos(worst)).as("slowest line between two users during the flood")
				.isLessThan(Duration.ofMillis(500));
		}
		finally {
			flood.shutdownNow();
			closeAll(channels);
		}
	}

	@Test
	void halfLinesThatNeverEndCostNoThreads() throws Exception {
		int stallers = 1000;
		List<SocketChannel> channels = new ArrayList<>();
		try (TestClient alice = login("alice"); TestClient bob = login("bob")) {
			int before = this.threads.getThreadCount();
			for (int i = 0; i < stallers; i++) {
				channels.add(open((i % 2 == 0) ? "staller" + i + "\nhalf a li" : "half a na"));
			}
			await().atMost(Duration.ofSeconds(20)).until(() -> this.server.openConnections() >= stallers + 2);
			// half of them joined (everybody was told): the relay has caught up once a line gets through
			await().atMost(Duration.ofSeconds(20)).until(() -> this.server.stats().usersOnline() >= stallers / 2 + 2);
			alice.send("caught up");
			bob.awaitLine("[alice] caught up");
			assertThat(this.threads.getThreadCount()).as("threads with %d half lines pending", stallers)
				.isLessThanOrEqualTo(before + THREAD_SLACK);
			long start = System.nanoTime();
			alice.send("quick");
			bob.awaitLine("[alice] quick");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
		}
		finally {
			closeAll(channels);
		}
	}

	@Test
	void peersThatResetLeaveNothingInTheLog(CapturedOutput output) {
		int start = output.getAll().length();
		for (int i = 0; i < 200; i++) {
			TestClient client = connect();
			client.send((i % 2 == 0) ? "reset" + i : "");
			client.sendRaw("half a line".getBytes(StandardCharsets.UTF_8));
			client.reset();
		}
		try (TestClient alice = login("alice"); TestClient bob = login("bob")) {
			alice.send("after the resets");
			bob.awaitLine("[alice] after the resets");
		}
		String logged = output.getAll().substring(start);
		assertThat(logged).doesNotContain(" WARN ").doesNotContain(" ERROR ").doesNotContain("Exception");
	}

	private double rateLimited() {
		return this.registry.get("chat.messages.dropped").tag("reason", "rate_limited").counter().count();
	}

	private SocketChannel open(String firstBytes) throws IOException {
		SocketChannel channel = SocketChannel.open();
		channel.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
		channel.connect(new InetSocketAddress("127.0.0.1", chatPort()));
		channel.write(ByteBuffer.wrap(firstBytes.getBytes(StandardCharsets.UTF_8)));
		channel.configureBlocking(false);
		return channel;
	}

	/** One thread writes "a\n" as fast as the sockets take it, to every flooder in turn. */
	private static void floodUntil(List<SocketChannel> channels, AtomicBoolean flooding) {
		ByteBuffer lines = ByteBuffer.wrap("a\n".repeat(4096).getBytes(StandardCharsets.US_ASCII));
		while (flooding.get()) {
			for (SocketChannel channel : channels) {
				try {
					channel.write(lines.duplicate());
				}
				catch (IOException ex) {
					throw new IllegalStateException("a flooder was disconnected: flooding is rate limited, not punished", ex);
				}
			}
		}
	}

	private static void closeAll(List<SocketChannel> channels) throws IOException {
		for (SocketChannel channel : channels) {
			channel.close();
		}
	}

}
