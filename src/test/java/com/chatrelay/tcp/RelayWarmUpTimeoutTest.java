package com.chatrelay.tcp;

import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** A warm-up that runs out of time says so once and the relay starts anyway. */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "chat.tcp.warm-up.enabled=true", "chat.tcp.warm-up.timeout=1ms" })
class RelayWarmUpTimeoutTest extends RelayTestBase {

	@Test
	void aWarmUpOutOfTimeWarnsAndTheRelayServes(CapturedOutput output) {
		assertThat(output).containsOnlyOnce("the relay path's warm-up stopped early").doesNotContain("warmed up the relay path");
		try (TestClient alice = login("alice"); TestClient bob = login("bob")) {
			alice.awaitLine("[SERVER] bob joined the chat");
			bob.send("hello");
			assertThat(alice.readLine()).isEqualTo("[bob] hello");
		}
	}

}
