package com.chatrelay.tcp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Many senders and receivers at once: nothing lost, nothing doubled, each sender's order kept. */
@TestPropertySource(properties = "chat.rate-limit.enabled=false")
class RelayLoadTest extends RelayTestBase {

	private static final Pattern NUMBERED = Pattern.compile("\\[(\\w+)\\] n=(\\d+) .*");

	@Test
	void threeSendersTwoHundredLinesFiveReceivers() throws Exception {
		List<TestClient> senders = new ArrayList<>();
		List<TestClient> receivers = new ArrayList<>();
		ExecutorService pool = Executors.newCachedThreadPool();
		try {
			for (int i = 0; i < 5; i++) {
				receivers.add(login("recv" + i));
			}
			for (int i = 0; i < 3; i++) {
				senders.add(login("send" + i));
			}
			List<Future<Map<String, List<Integer>>>> received = new ArrayList<>();
			for (TestClient receiver : receivers) {
				received.add(pool.submit(() -> collect(receiver, 3 * 200)));
			}
			List<Future<?>> sending = new ArrayList<>();
			for (TestClient sender : senders) {
				sending.add(pool.submit(() -> {
					for (int n = 0; n < 200; n++) {
						sender.send("n=" + n + " from " + sender.name() + " ü✓");
					}
				}));
			}
			for (Future<?> send : sending) {
				send.get(30, TimeUnit.SECONDS);
			}
			for (Future<Map<String, List<Integer>>> result : received) {
				Map<String, List<Integer>> bySender = result.get(30, TimeUnit.SECONDS);
				assertThat(bySender).containsOnlyKeys("send0", "send1", "send2");
				bySender.values().forEach((numbers) -> assertThat(numbers).isEqualTo(range(200)));
			}
		}
		finally {
			pool.shutdownNow();
			senders.forEach(TestClient::close);
			receivers.forEach(TestClient::close);
		}
	}

	@Test
	void threeHundredClientsEachReceiveEveryLine() throws Exception {
		int clients = 300;
		int lines = 150;
		List<TestClient> receivers = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		try (TestClient sender = login("broadcaster")) {
			List<Future<TestClient>> logins = new ArrayList<>();
			for (int i = 0; i < clients; i++) {
				String name = "many" + i;
				logins.add(pool.submit(() -> login(name)));
			}
			for (Future<TestClient> login : logins) {
				receivers.add(login.get(30, TimeUnit.SECONDS));
			}
			List<Future<Map<String, List<Integer>>>> received = new ArrayList<>();
			for (TestClient receiver : receivers) {
				received.add(pool.submit(() -> collect(receiver, lines)));
			}
			for (int n = 0; n < lines; n++) {
				sender.send("n=" + n + " to all");
			}
			for (Future<Map<String, List<Integer>>> result : received) {
				assertThat(result.get(60, TimeUnit.SECONDS)).containsExactly(Map.entry("broadcaster", range(lines)));
			}
		}
		finally {
			pool.shutdownNow();
			receivers.forEach(TestClient::close);
		}
	}

	/** Reads until {@code expected} numbered chat lines arrived; other lines (notices) are skipped. */
	private static Map<String, List<Integer>> collect(TestClient receiver, int expected) {
		Map<String, List<Integer>> bySender = new HashMap<>();
		int count = 0;
		while (count < expected) {
			String line = receiver.readLine();
			assertThat(line).as("connection of " + receiver.name()).isNotNull();
			Matcher numbered = NUMBERED.matcher(line);
			if (numbered.matches() && !numbered.group(1).equals(receiver.name())) {
				bySender.computeIfAbsent(numbered.group(1), (k) -> new ArrayList<>()).add(Integer.parseInt(numbered.group(2)));
				count++;
			}
		}
		return bySender;
	}

	private static List<Integer> range(int count) {
		List<Integer> numbers = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			numbers.add(i);
		}
		return numbers;
	}

}
