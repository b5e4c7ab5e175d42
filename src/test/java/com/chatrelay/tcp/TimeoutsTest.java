package com.chatrelay.tcp;

import java.time.Duration;

import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A connection that never names itself, or a user who stays silent, is closed. */
@TestPropertySource(properties = { "chat.tcp.handshake-timeout=1s", "chat.tcp.idle-timeout=2s" })
class TimeoutsTest extends RelayTestBase {

	@Test
	void aSilentConnectionHitsTheHandshakeTimeout() {
		try (TestClient silent = connect()) {
			silent.expectLine("Enter your name:");
			assertThat(silent.readLine()).startsWith("[SERVER] error: ");
			silent.expectClosed();
		}
	}

	@Test
	void anIdleUserIsDisconnectedAndTheOthersAreTold() {
		try (TestClient idle = login("idler"); TestClient talker = login("talker")) {
			// the talker keeps talking (a /who every half second), so only the idler goes
			String notice = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).until(() -> {
				talker.send("/who");
				String line = talker.awaitLine((l) -> l.startsWith("[SERVER] online") || l.contains("idler left"));
				return line.contains("idler left") ? line : null;
			}, (line) -> line != null);
			assertThat(notice).isEqualTo("[SERVER] idler left the chat (idle timeout)");
			assertThat(idle.awaitLine((l) -> l.startsWith("[SERVER] error: "))).contains("idle");
			idle.awaitClosed();
		}
	}

}
