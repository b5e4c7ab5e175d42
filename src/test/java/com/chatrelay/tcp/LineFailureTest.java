package com.chatrelay.tcp;

import com.chatrelay.chat.Cluster;
import com.chatrelay.chat.RoomName;
import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import java.nio.charset.StandardCharsets;

/**
 * A line whose handling throws inside the server (here: a cluster that fails on one line) costs
 * that line only: its sender is told, and its later lines and everybody else's go on as before.
 */
class LineFailureTest extends RelayTestBase {

	@TestConfiguration(proxyBeanMethods = false)
	static class FailingCluster {

		/** The one fault this test injects: relaying a line that says "boom" to other replicas throws. */
		@Bean
		Cluster failingCluster() {
			return new Cluster() {
				@Override
				public void roomLine(RoomName room, boolean everywhere, byte[] line) {
					if (new String(line, StandardCharsets.UTF_8).endsWith("boom")) {
						throw new IllegalStateException("injected failure");
					}
				}
			};
		}

	}

	@Test
	void aFailingLineIsContainedToThatLine() {
		try (TestClient alice = login("alice"); TestClient bob = login("bob")) {
			alice.send("before");
			alice.send("boom");
			alice.send("after");
			alice.awaitLine("[SERVER] error: the server failed to handle your last line");
			bob.awaitLine("[alice] before");
			bob.awaitLine("[alice] boom");
			bob.awaitLine("[alice] after");
			bob.send("reply");
			alice.awaitLine("[bob] reply");
		}
	}

}
