package com.chatrelay.tcp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.chatrelay.chat.ChatServer;
import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hundreds of short-lived clients that log in, ask for /help and /who and vanish (half of them
 * with a reset) while others chat: no reader stalls, none is dropped, every line arrives in order.
 */
@TestPropertySource(properties = "chat.rate-limit.enabled=false")
@ExtendWith(OutputCaptureExtension.class)
class ChurnTest extends RelayTestBase {

	private static final int READERS = 60;

	private static final int CHURNERS = 400;

	private static final int LINES = 200;

	@Autowired
	private ChatServer server;

	@Test
	void shortLivedClientsNeverStallOrDropAHealthyReader(CapturedOutput output) throws Exception {
		List<TestClient> readers = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(READERS + 9);
		try (TestClient sender = login("sender")) {
			for (int i = 0; i < READERS; i++) {
				readers.add(login("reader" + i));
			}
			List<Future<List<String>>> received = new ArrayList<>();
			for (TestClient reader : readers) {
				received.add(pool.submit(() -> {
					List<String> lines = new ArrayList<>();
					while (lines.size() < LINES) {
						String line = reader.readLine();
						assertThat(line).as("%s is still connected", reader.name()).isNotNull();
						if (line.startsWith("[sender] ")) {
							lines.add(line);
						}
					}
					return lines;
				}));
			}
			AtomicInteger churned = new AtomicInteger();
			List<Future<?>> churn = new ArrayList<>();
			for (int worker = 0; worker < 8; worker++) {
				int first = worker;
				churn.add(pool.submit(() -> {
					for (int i = first; i < CHURNERS; i += 8) {
						TestClient client = connect();
						client.send("churn" + i + "\n/help\n/who");
						if (i % 2 == 0) {
							client.reset();
						}
						else {
							client.shutdownOutput();
							client.close();
						}
						churned.incrementAndGet();
					}
				}));
			}
			// the lines are spread over the churn, so that closes race the writes to the readers
			for (int i = 0; i < LINES; i++) {
				int due = i * CHURNERS / LINES;
				await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1)).until(() -> churned.get() >= due);
				sender.send("line " + i);
			}
			for (Future<?> each : churn) {
				each.get();
			}
			List<String> expected = new ArrayList<>();
			for (int i = 0; i < LINES; i++) {
				expected.add("[sender] line " + i);
			}
			for (Future<List<String>> each : received) {
				assertThat(each.get()).containsExactlyElementsOf(expected);
			}
			assertThat(this.server.recentDisconnects()).noneMatch((record) -> "slow_consumer".equals(record.reason()));
			String logged = output.getAll();
			assertThat(logged).doesNotContain(" WARN ").doesNotContain(" ERROR ").doesNotContain("Exception");
		}
		finally {
			readers.forEach(TestClient::close);
			pool.shutdownNow();
		}
	}

}
