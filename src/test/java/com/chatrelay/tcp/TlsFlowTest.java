package com.chatrelay.tcp;


import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import javax.net.ssl.SSLContext;

import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import com.chatrelay.support.TestTls;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Volume over TLS: a flood of lines read in quanta arrives whole and in order, and a TLS client
 * that stops reading is dropped as a slow consumer without holding anybody up.
 */
@TestPropertySource(properties = { "chat.tcp.ssl.bundle=chat",
		"spring.ssl.bundle.pem.chat.keystore.certificate=classpath:tls/server1.crt",
		"spring.ssl.bundle.pem.chat.keystore.private-key=classpath:tls/server1.key",
		"chat.rate-limit.enabled=false", "chat.tcp.outbound-buffer=64KB" })
class TlsFlowTest extends RelayTestBase {

	private final SSLContext trustTestCa = TestTls.clientContext();

	@Test
	void aFloodSentAtOnceArrivesWholeAndInOrder() {
		int lines = 250; // ~54 KB: several read quanta, within the reader's 64 KB outbound buffer
		try (TestClient sender = TestClient.loginTls(chatPort(), this.trustTestCa, "sender");
				TestClient reader = TestClient.loginTls(chatPort(), this.trustTestCa, "reader")) {
			StringBuilder flood = new StringBuilder();
			for (int i = 0; i < lines; i++) {
				flood.append("line ").append(i).append(' ').append("x".repeat(200)).append('\n');
			}
			// in one go: many TLS records, many read quanta on the server; read meanwhile
			CompletableFuture<Void> sent = CompletableFuture
				.runAsync(() -> sender.sendRaw(flood.toString().getBytes(StandardCharsets.UTF_8)));
			for (int i = 0; i < lines; i++) {
				assertThat(reader.readLine()).isEqualTo("[sender] line " + i + " " + "x".repeat(200));
			}
			sent.join();
		}
	}

	@Test
	void aTlsClientThatStopsReadingIsDroppedAndTheOthersKeepUp() {
		String payload = "p".repeat(1000);
		try (TestClient stuck = TestClient.connectTls(chatPort(), this.trustTestCa, 4096);
				TestClient talker = TestClient.loginTls(chatPort(), this.trustTestCa, "talker");
				TestClient listener = TestClient.loginTls(chatPort(), this.trustTestCa, "listener")) {
			stuck.expectLine("Enter your name:");
			stuck.send("stuck");
			talker.awaitLine("[SERVER] stuck joined the chat");
			listener.awaitLine("[SERVER] stuck joined the chat");
			int sent = 0;
			String notice = null;
			while (notice == null && sent < 2000) {
				talker.send(payload);
				sent++;
				String line = listener.readLine();
				if (line.startsWith("[SERVER] stuck left")) {
					notice = line;
					line = listener.readLine();
				}
				// the listener gets every line at once, however far behind the stuck one is
				assertThat(line).isEqualTo("[talker] " + payload);
			}
			assertThat(notice).isEqualTo("[SERVER] stuck left the chat (slow consumer)");
			stuck.awaitClosed();
		}
	}

}
