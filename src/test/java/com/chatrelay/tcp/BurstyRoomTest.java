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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A burst bigger than the outbound buffer never drops a client that reads: the buffer limits what
 * a client's socket refused, not what the relay had not yet offered to it. The client that does
 * not read is still dropped.
 */
class BurstyRoomTest {

	/** The case: 10 readers send 10 lines of 1,000 bytes back to back, past a 64 KB buffer. */
	@Nested
	@TestPropertySource(properties = "chat.tcp.outbound-buffer=65536")
	class SmallBuffer extends RelayTestBase {

		@Test
		void aBurstPastTheBufferDropsOnlyTheClientThatDoesNotRead() throws Exception {
			burst(chatPort(), 10, 10);
		}

	}

	/** The default 1 MiB: 50 users send 40 lines of 1,000 bytes at once, 2 MB for each reader. */
	@Nested
	class DefaultBuffer extends RelayTestBase {

		@Test
		void aRoomWhoseBurstPassesTheBufferPerReaderDropsOnlyTheClientThatDoesNotRead() throws Exception {
			burst(chatPort(), 50, 40);
		}

	}

	static void burst(int port, int readerCount, int linesEach) throws Exception {
		String payload = "b".repeat(1000 - "[reader00] ".length());
		List<TestClient> readers = new ArrayList<>();
		ExecutorService threads = Executors.newFixedThreadPool(readerCount);
		try {
			for (int i = 0; i < readerCount; i++) {
				readers.add(TestClient.login(port, "reader" + (10 + i)));
			}
			TestClient stuck = TestClient.connect(port, 1024);
			stuck.expectLine("Enter your name:");
			stuck.send("stuck");
			for (TestClient reader : readers) {
				reader.awaitLine("[SERVER] stuck joined the chat");
			}
			List<AtomicInteger> received = new ArrayList<>();
			List<String> leaves = new CopyOnWriteArrayList<>();
			List<Future<?>> tasks = new ArrayList<>();
			for (TestClient reader : readers) {
				AtomicInteger count = new AtomicInteger();
				received.add(count);
				tasks.add(threads.submit(() -> {
					String line;
					while ((line = reader.readLine()) != null) {
						if (line.endsWith(payload)) {
							count.incrementAndGet();
						}
						else if (line.contains(" left the chat")) {
							leaves.add(line);
						}
					}
					throw new IllegalStateException(reader.name() + " was disconnected");
				}));
			}
			// every reader sends its lines back to back, all at once
			for (TestClient reader : readers) {
				StringBuilder burst = new StringBuilder();
				for (int k = 0; k < linesEach; k++) {
					burst.append(payload).append('\n');
				}
				reader.sendRaw(burst.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
			}
			int expected = (readerCount - 1) * linesEach;
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				for (Future<?> task : tasks) {
					if (task.isDone()) {
						task.get(); // rethrows why a reader stopped
					}
				}
				received.forEach((count) -> assertThat(count.get()).isEqualTo(expected));
			});
			await().atMost(Duration.ofSeconds(10)).until(() -> leaves.size() == readerCount);
			assertThat(leaves).allMatch("[SERVER] stuck left the chat (slow consumer)"::equals);
			stuck.awaitClosed();
			for (Future<?> task : tasks) {
				assertThat(task.isDone()).as("a reader was closed").isFalse();
			}
		}
		finally {
			threads.shutdownNow();
			readers.forEach(TestClient::close);
		}
	}

}
