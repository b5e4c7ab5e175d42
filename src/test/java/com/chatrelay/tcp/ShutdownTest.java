package com.chatrelay.tcp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.chatrelay.ChatRelayApplication;
import com.chatrelay.support.TestClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** Stopping the service (what SIGTERM does) tells every user, then closes their connections. */
class ShutdownTest {

	@Test
	void everyUserIsToldAndThenDisconnected() throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ChatRelayApplication.class)
			.run("--chat.tcp.port=0", "--server.port=0", "--management.server.port=0");
		List<TestClient> users = new ArrayList<>();
		try {
			int port = context.getBean(AbstractServerConnectionFactory.class).getPort();
			for (int i = 0; i < 3; i++) {
				users.add(TestClient.login(port, "user" + i));
			}
			TestClient handshaking = TestClient.connect(port);
			handshaking.expectLine("Enter your name:");
			users.add(handshaking);
			long start = System.nanoTime();
			CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
			for (TestClient user : users) {
				user.awaitLine("[SERVER] server is shutting down");
				user.expectClosed();
			}
			closing.get();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
		}
		finally {
			users.forEach(TestClient::close);
			context.close();
		}
	}

}
