package com.chatrelay.tcp;

import java.time.Duration;

import com.chatrelay.chat.ChatServer;
import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warm-up of the relay path (chat.tcp.warm-up.*) runs on a private relay: its lines, users and
 * disconnects reach no user of the real one, none of its meters, none of its disconnect log, and it
 * leaves no port, bean or thread behind.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "chat.tcp.warm-up.enabled=true", "chat.tcp.warm-up.lines=2000" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RelayWarmUpTest extends RelayTestBase {

	@Autowired
	private RelayWarmUp warmUp;

	@Autowired
	private ChatServer server;

	@Autowired
	private MeterRegistry registry;

	@Autowired
	private ApplicationContext context;

	@Test
	@Order(1) // before any user of the real relay
	void theStartsWarmUpLeftNothingTheRealRelayCounts() {
		assertThat(count("chat.connections.opened")).isZero();
		assertThat(count("chat.messages.received")).isZero();
		assertThat(count("chat.messages.delivered")).isZero();
		assertThat(this.server.recentDisconnects()).isEmpty();
		assertThat(this.context.getBeansOfType(AbstractServerConnectionFactory.class)).hasSize(1);
		try (TestClient first = login("first")) {
			assertThat(this.server.users()).extracting("name").containsExactly("first");
		}
	}

	@Test
	void aWarmUpWhileUsersChatReachesNoneOfThemAndNoMeter(CapturedOutput output) {
		try (TestClient alice = login("alice"); TestClient bob = login("bob")) {
			alice.awaitLine("[SERVER] bob joined the chat");
			double opened = count("chat.connections.opened");
			double received = count("chat.messages.received");
			double delivered = count("chat.messages.delivered");
			double closed = count("chat.connections.closed");
			int disconnects = this.server.recentDisconnects().size();

			this.warmUp.run(null);

			assertThat(output).contains("warmed up the relay path: 2000 lines in ");
			bob.send("after the warm-up");
			assertThat(alice.readLine()).as("nothing of the warm-up came before bob's line")
				.isEqualTo("[bob] after the warm-up");
			assertThat(count("chat.connections.opened")).isEqualTo(opened);
			assertThat(count("chat.messages.received")).isEqualTo(received + 1);
			assertThat(count("chat.messages.delivered")).isEqualTo(delivered + 1);
			assertThat(count("chat.connections.closed")).isEqualTo(closed);
			assertThat(this.server.recentDisconnects()).hasSize(disconnects);
			assertThat(this.server.users()).extracting("name").containsExactlyInAnyOrder("alice", "bob");
			alice.send("/rooms");
			assertThat(alice.readLine(Duration.ofSeconds(5))).isEqualTo("[SERVER] rooms (1): #lobby (2)");
		}
		assertThat(this.context.getBeansOfType(AbstractServerConnectionFactory.class)).hasSize(1);
		assertThat(Thread.getAllStackTraces().keySet()).noneMatch((thread) -> thread.getName().startsWith("chat-warm-up"));
	}

	private double count(String name) {
		return this.registry.find(name).counters().stream().mapToDouble((counter) -> counter.count()).sum();
	}

}
