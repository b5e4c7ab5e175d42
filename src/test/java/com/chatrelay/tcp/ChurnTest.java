package com.chatrelay.tcp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.chatrelay.chat.ChatRoom;
import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hundreds of short-lived clients that log in, ask for /help and /who and vanish (half of them
 * with a reset) while others chat: no reader stalls, none is dropped, every line arrives in order.
 */
@TestPropertySource(properties = "chat.rate-limit.enabled=false")
class ChurnTest extends RelayTestBase {

	private static final int READERS = 60;

	private static final int CHURNERS = 400;

	private static final int LINES = 200;

	@Autowired
	private ChatRoom room;

	@Test
	void shortLivedClientsNeverStallOrDropAHealthyReader() throws Exception {
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
					}
				}));
			}
			for (int i = 0; i < LINES; i++) {
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
			assertThat(this.room.recentDisconnects()).noneMatch((record) -> "slow_consumer".equals(record.reason()));
		}
		finally {
			readers.forEach(TestClient::close);
			pool.shutdownNow();
		}
	}

}
