package com.chatrelay.tcp;

import javax.net.ssl.SSLContext;

import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import com.chatrelay.support.TestTls;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** A connection refused at connect (server full) reads its error line over TLS too: after the handshake. */
@TestPropertySource(properties = { "chat.tcp.ssl.bundle=chat",
		"spring.ssl.bundle.pem.chat.keystore.certificate=classpath:tls/server1.crt",
		"spring.ssl.bundle.pem.chat.keystore.private-key=classpath:tls/server1.key", "chat.tcp.max-connections=2" })
class TlsLimitsTest extends RelayTestBase {

	private final SSLContext trustTestCa = TestTls.clientContext();

	@Test
	void theConnectionPastTheLimitReadsServerFullOverTls() {
		try (TestClient alice = TestClient.loginTls(chatPort(), this.trustTestCa, "alice");
				TestClient bob = TestClient.loginTls(chatPort(), this.trustTestCa, "bob");
				TestClient extra = TestClient.connectTls(chatPort(), this.trustTestCa)) {
			assertThat(extra.readUntilClosed()).containsExactly("[SERVER] error: server full");
			alice.send("still two of us");
			bob.awaitLine("[alice] still two of us");
		}
	}

}
