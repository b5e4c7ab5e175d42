package com.chatrelay.tcp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code /who} is one bounded line: the first 100 names sorted ignoring case, then how many more. */
class WhoLimitTest extends RelayTestBase {

	private static final int USERS = 130;

	@Test
	void whoListsTheFirstHundredNamesAndCountsTheRest() {
		List<TestClient> clients = new ArrayList<>();
		List<String> names = new ArrayList<>();
		try {
			// all at once, not one after the other: 130 logins stay well under a second
			for (int i = 0; i < USERS; i++) {
				// alternate capitals: sorted ignoring case they stay in number order, sorted by code they would not
				names.add(String.format("%s%03d", (i % 2 == 0) ? "u" : "U", i));
				clients.add(connect());
			}
			for (int i = 0; i < USERS; i++) {
				clients.get(i).expectLine("Enter your name:");
				clients.get(i).send(names.get(i));
			}
			for (int i = 0; i < USERS; i++) {
				assertThat(clients.get(i).readLine()).startsWith("[SERVER] welcome, " + names.get(i) + "! ");
			}
			TestClient asker = clients.get(USERS - 1);
			String line = who(asker);
			assertThat(line).isEqualTo("[SERVER] online (130): " + String.join(", ", names.subList(0, 100))
					+ ", ... and 30 more");

			closeLast(clients, 29); // 101 left: one more than fits
			await().atMost(Duration.ofSeconds(10)).until(() -> who(clients.get(0)).startsWith("[SERVER] online (101): "));
			assertThat(who(clients.get(0))).isEqualTo("[SERVER] online (101): " + String.join(", ", names.subList(0, 100))
					+ ", ... and 1 more");

			closeLast(clients, 1); // 100: every name, and nothing after them
			await().atMost(Duration.ofSeconds(10)).until(() -> who(clients.get(0)).startsWith("[SERVER] online (100): "));
			assertThat(who(clients.get(0))).isEqualTo("[SERVER] online (100): " + String.join(", ", names.subList(0, 100)));

			closeLast(clients, 97); // 3: as before the limit
			await().atMost(Duration.ofSeconds(10)).until(() -> who(clients.get(0)).startsWith("[SERVER] online (3): "));
			assertThat(who(clients.get(0))).isEqualTo("[SERVER] online (3): u000, U001, u002");
		}
		finally {
			clients.forEach(TestClient::close);
		}
	}

	private static void closeLast(List<TestClient> clients, int count) {
		for (int i = 0; i < count; i++) {
			clients.remove(clients.size() - 1).close();
		}
	}

	private static String who(TestClient client) {
		client.send("/who");
		return client.awaitLine((line) -> line.startsWith("[SERVER] online ("));
	}

}
