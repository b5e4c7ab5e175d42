package com.chatrelay.tcp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scripts and bots post the way {@code printf 'bot\nhello\n' | nc -N host 5555} does: send, close
 * their side, read what comes back until the server closes. Every line they sent counts, and
 * everything the server had for them reaches them before the close.
 */
class OneShotClientsTest extends RelayTestBase {

	private static final int BOTS = 30;

	@Test
	void everyOneShotBotIsWelcomedAndEveryLineIsRelayed() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(BOTS);
		try (TestClient listener = login("listener")) {
			List<Future<List<String>>> replies = new ArrayList<>();
			for (int i = 0; i < BOTS; i++) {
				int n = i;
				replies.add(pool.submit(() -> {
					try (TestClient bot = connect()) {
						bot.send("bot" + n + "\nhello " + n);
						bot.shutdownOutput();
						return bot.readUntilClosed();
					}
				}));
			}
			for (int i = 0; i < BOTS; i++) {
				List<String> lines = replies.get(i).get();
				String welcome = "[SERVER] welcome, bot" + i + "! ";
				assertThat(lines).as("bot%d read", i).first().isEqualTo("Enter your name:");
				assertThat(lines).as("bot%d read", i).anyMatch((line) -> line.startsWith(welcome));
			}
			Set<String> expected = new HashSet<>();
			for (int i = 0; i < BOTS; i++) {
				expected.add("[bot" + i + "] hello " + i);
			}
			Set<String> relayed = new HashSet<>();
			while (!relayed.containsAll(expected)) {
				String line = listener.readLine();
				assertThat(line).as("the listener's connection is still open").isNotNull();
				if (line.startsWith("[bot")) {
					relayed.add(line);
				}
			}
			assertThat(relayed).isEqualTo(expected);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aOneShotClientHasItsCommandsAnsweredInOrderBeforeTheClose() {
		try (TestClient other = login("present"); TestClient bot = connect()) {
			bot.send("asker\n/who\n/msg present hi there\n/quit done");
			bot.shutdownOutput();
			List<String> lines = bot.readUntilClosed();
			assertThat(lines).first().isEqualTo("Enter your name:");
			assertThat(lines.get(1)).startsWith("[SERVER] welcome, asker! ");
			assertThat(lines.get(2)).isEqualTo("[SERVER] online (2): asker, present");
			other.awaitLine("[asker -> you] hi there");
			other.awaitLine("[SERVER] asker left the chat (done)");
		}
	}

}
