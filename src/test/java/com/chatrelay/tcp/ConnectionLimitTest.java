package com.chatrelay.tcp;

import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

/** Connections past {@code chat.tcp.max-connections} are told the server is full and closed. */
@TestPropertySource(properties = "chat.tcp.max-connections=3")
class ConnectionLimitTest extends RelayTestBase {

	@Test
	void theConnectionPastTheLimitIsRefused() {
		try (TestClient a = login("one"); TestClient b = login("two"); TestClient c = connect()) {
			c.expectLine("Enter your name:"); // still in the handshake, and it counts
			try (TestClient extra = connect()) {
				extra.expectLine("[SERVER] error: server full");
				extra.expectClosed();
			}
			a.send("still fine");
			b.awaitLine("[one] still fine");
		}
	}

	@Test
	void aFreedSlotCanBeUsedAgain() {
		try (TestClient a = login("first")) {
			try (TestClient b = login("second")) {
				b.send("/quit");
				b.awaitClosed();
			}
			try (TestClient again = login("third"); TestClient handshaking = connect()) {
				handshaking.expectLine("Enter your name:");
			}
		}
	}

}
