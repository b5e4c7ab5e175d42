package com.chatrelay.tcp;

import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warm-up does not depend on the operator's room settings: a one-room deployment whose default
 * room is even named like the warm-up's room warms up as any other, and its users keep their limits.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "chat.tcp.warm-up.enabled=true", "chat.tcp.warm-up.lines=2000",
		"chat.rooms.max-per-user=1", "chat.rooms.max-rooms=1", "chat.rooms.default=warm-up" })
class RelayWarmUpRoomLimitsTest extends RelayTestBase {

	@Test
	void oneRoomSettingsDoNotStopTheWarmUp(CapturedOutput output) {
		assertThat(output).contains("warmed up the relay path: 2000 lines in ").doesNotContain("warm-up stopped early");
		try (TestClient alice = login("alice")) {
			alice.send("/join #ops");
			assertThat(alice.readLine()).isEqualTo("[SERVER] error: you are in too many rooms (max 1)");
		}
	}

}
