package com.chatrelay.support;

import java.time.Duration;

import com.chatrelay.chat.ChatServer;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

import static org.awaitility.Awaitility.await;

/** The real service on free ports; subclasses add properties with {@code @TestPropertySource}. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class RelayTestBase {

	@Autowired
	private AbstractServerConnectionFactory chatConnectionFactory;

	@Autowired
	private ChatServer server;

	/** Listening, and empty: the clients of the test before have all been closed on the server too. */
	@BeforeEach
	void waitUntilListeningAndEmpty() {
		await().atMost(Duration.ofSeconds(10)).until(this.chatConnectionFactory::isListening);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.server.openConnections() == 0);
	}

	protected int chatPort() {
		return this.chatConnectionFactory.getPort();
	}

	protected TestClient login(String name) {
		return TestClient.login(chatPort(), name);
	}

	protected TestClient connect() {
		return TestClient.connect(chatPort());
	}

}
