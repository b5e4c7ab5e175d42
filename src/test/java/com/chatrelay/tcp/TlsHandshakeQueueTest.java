package com.chatrelay.tcp;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;

import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import com.chatrelay.support.TestTls;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With no rate per address, the handshake queue alone bounds a flood: past it, hellos are refused and counted. */
@TestPropertySource(properties = { "chat.tcp.ssl.bundle=chat",
		"spring.ssl.bundle.pem.chat.keystore.certificate=classpath:tls/server1.crt",
		"spring.ssl.bundle.pem.chat.keystore.private-key=classpath:tls/server1.key",
		"chat.tcp.ssl.handshake-rate-per-address=0", "chat.tcp.ssl.handshake-queue=2" })
class TlsHandshakeQueueTest extends RelayTestBase {

	private final SSLContext trustTestCa = TestTls.clientContext();

	@Autowired
	private MeterRegistry registry;

	@Test
	void helloesPastTheQueueAreClosedAndCountedAndTheRelayServesTheNextLogin() throws Exception {
		double before = queueFull();
		double closedBefore = serverFull();
		byte[] hello = TestTls.clientHello(this.trustTestCa, chatPort());
		List<Socket> flood = new ArrayList<>();
		try {
			for (int i = 0; i < 300; i++) {
				Socket socket = new Socket();
				flood.add(socket);
				socket.connect(new InetSocketAddress("127.0.0.1", chatPort()), 5000);
				socket.getOutputStream().write(hello);
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> queueFull() - before > 0);
			try (TestClient alice = TestClient.loginTls(chatPort(), this.trustTestCa, "alice")) {
				alice.send("/who");
				alice.expectLine("[SERVER] online (1): alice");
			}
		}
		finally {
			for (Socket socket : flood) {
				socket.close();
			}
		}
		// 300 connections are far below chat.tcp.max-connections: the queue is the only server_full here
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(serverFull() - closedBefore)
			.as("each refused hello closed as server_full").isEqualTo(queueFull() - before));
	}

	private double serverFull() {
		return this.registry.counter("chat.connections.closed", "reason", "server_full").count();
	}

	private double queueFull() {
		return this.registry.counter("chat.tls.handshakes.refused", "reason", "queue_full").count();
	}

}
