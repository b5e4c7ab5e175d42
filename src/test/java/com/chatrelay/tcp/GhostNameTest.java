package com.chatrelay.tcp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.chatrelay.chat.ChatServer;
import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients that rename themselves and reset at once, while the renames are broadcast to others and
 * the administrator kicks: every name they held is free afterwards, nobody is left online.
 */
@TestPropertySource(properties = "chat.rate-limit.enabled=false")
class GhostNameTest extends RelayTestBase {

	private static final int TRIES = 400;

	@Autowired
	private ChatServer server;

	@Test
	void aRenameRacedByAResetOrAKickLeavesNoNameTaken() throws Exception {
		List<TestClient> watchers = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(9);
		try {
			// enough members that broadcasts are handed to the writer loops, whose failed writes close too
			for (int i = 0; i < 12; i++) {
				watchers.add(login("watcher" + i));
			}
			List<Future<?>> workers = new ArrayList<>();
			for (int worker = 0; worker < 8; worker++) {
				int first = worker;
				workers.add(pool.submit(() -> {
					for (int i = first; i < TRIES; i += 8) {
						TestClient client = connect();
						client.send("g" + i + "\n/nick a" + i + "\n/nick n" + i);
						client.reset();
					}
				}));
			}
			workers.add(pool.submit(() -> {
				for (int i = 0; i < TRIES; i++) {
					this.server.kick("n" + i, "race");
					this.server.kick("a" + i, "race");
				}
			}));
			for (Future<?> each : workers) {
				each.get();
			}
			await().atMost(Duration.ofSeconds(20)).until(() -> this.server.users().size() == watchers.size());
			for (int i = 0; i < TRIES; i++) {
				for (String name : List.of("g" + i, "a" + i, "n" + i)) {
					assertThat(this.server.user(name)).as(name).isEmpty();
				}
			}
			// each name can be taken again: nothing holds it
			try (TestClient probe = login("probe")) {
				for (int i = 0; i < TRIES; i++) {
					probe.send("/nick n" + i);
					assertThat(probe.awaitLine((line) -> line.startsWith("[SERVER] "))).as("n" + i)
							.doesNotContain("taken");
				}
			}
		}
		finally {
			watchers.forEach(TestClient::close);
			pool.shutdownNow();
		}
	}

}
