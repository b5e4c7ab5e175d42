package com.chatrelay.tcp;

import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Past {@code chat.tcp.max-connections-per-address} one host's next connection is refused, and counted. */
@TestPropertySource(properties = "chat.tcp.max-connections-per-address=2")
class PerAddressLimitTest extends RelayTestBase {

	@Autowired
	private MeterRegistry registry;

	@Test
	void oneAddressGetsNoMoreThanItsShare() {
		double refusedBefore = refused();
		try (TestClient a = login("first"); TestClient b = connect()) {
			b.expectLine("Enter your name:"); // still in the handshake, and it counts
			try (TestClient extra = connect()) {
				extra.expectLine("[SERVER] error: too many connections from your address");
				extra.expectClosed();
			}
			assertThat(refused()).isEqualTo(refusedBefore + 1);
			b.send("second");
			b.awaitLine((line) -> line.startsWith("[SERVER] welcome, second! "));
			a.send("/quit");
			a.awaitClosed();
			try (TestClient again = login("third")) {
				again.send("room for one more");
				b.awaitLine("[third] room for one more");
			}
		}
	}

	private double refused() {
		return this.registry.get("chat.connections.closed").tag("reason", "too_many_from_address").counter().count();
	}

}
