package com.chatrelay.tcp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that never reads must not delay anybody: the others keep getting every line promptly,
 * and the stuck one is dropped as a slow consumer once its unsent data passes the limit.
 */
@TestPropertySource(properties = { "chat.rate-limit.enabled=false", "chat.tcp.outbound-buffer=256KB" })
class SlowConsumerTest extends RelayTestBase {

	private static final int HEALTHY = 10;

	private static final int LINES_PER_ROUND = 10;

	@Test
	void aStuckReaderIsDisconnectedAndDelaysNobody() {
		String payload = "p".repeat(1024);
		List<TestClient> healthy = new ArrayList<>();
		ExecutorService readers = Executors.newFixedThreadPool(HEALTHY);
		try (TestClient stuck = TestClient.connect(chatPort(), 2048)) {
			stuck.expectLine("Enter your name:");
			stuck.send("stuck");
			for (int i = 0; i < HEALTHY; i++) {
				healthy.add(login("healthy" + i));
			}
			// every healthy client counts the 1 KiB lines it gets and watches for the stuck one's leave notice
			List<AtomicInteger> received = new ArrayList<>();
			List<String> leaveNotices = new CopyOnWriteArrayList<>();
			// a reader that ends (its connection closed, or a read timed out) is a failure: its future says why
			List<Future<?>> readerTasks = new ArrayList<>();
			for (TestClient client : healthy) {
				AtomicInteger count = new AtomicInteger();
				received.add(count);
				readerTasks.add(readers.submit(() -> {
					String line;
					while ((line = client.readLine()) != null) {
						if (line.endsWith(payload)) {
							count.incrementAndGet();
						}
						else if (line.startsWith("[SERVER] stuck left the chat")) {
							leaveNotices.add(line);
						}
					}
					throw new IllegalStateException(client.name() + " was disconnected");
				}));
			}
			int expectedEach = 0;
			for (int round = 0; round < 100 && leaveNotices.size() < HEALTHY; round++) {
				for (TestClient client : healthy) {
					for (int k = 0; k < LINES_PER_ROUND; k++) {
						client.send(payload);
					}
				}
				expectedEach += (HEALTHY - 1) * LINES_PER_ROUND;
				int expected = expectedEach;
				// promptly: each round reaches every healthy client within two seconds
				await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
					for (Future<?> reader : readerTasks) {
						if (reader.isDone()) {
							reader.get(); // rethrows why that healthy reader stopped
						}
					}
					received.forEach((count) -> assertThat(count.get()).isEqualTo(expected));
				});
			}
			await().atMost(Duration.ofSeconds(5)).until(() -> leaveNotices.size() == HEALTHY);
			assertThat(leaveNotices).allMatch("[SERVER] stuck left the chat (slow consumer)"::equals);
			stuck.awaitClosed();
		}
		finally {
			readers.shutdownNow();
			healthy.forEach(TestClient::close);
		}
	}

}
