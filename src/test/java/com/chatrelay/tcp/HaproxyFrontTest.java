package com.chatrelay.tcp;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import com.chatrelay.chat.ChatServer;
import com.chatrelay.support.Haproxy;
import com.chatrelay.support.Http;
import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real HAProxy in front of the chat port ({@code send-proxy} and {@code send-proxy-v2}), trusted
 * as 127.0.0.1; clients connect to it from 127.0.0.5 and 127.0.0.6, as from other hosts.
 */
@TestPropertySource(properties = { "chat.tcp.proxy-protocol.enabled=true",
		"chat.tcp.proxy-protocol.trusted-proxies=127.0.0.1/32", "chat.tcp.max-connections-per-address=2",
		"chat.admin.username=haproxy-admin", "chat.admin.password=haproxy-test-secret" })
class HaproxyFrontTest extends RelayTestBase {

	@TempDir
	static Path directory;

	private static Haproxy haproxy;

	@LocalServerPort
	private int httpPort;

	@Autowired
	private ChatServer server;

	@Autowired
	private MeterRegistry registry;

	private Http admin;

	@BeforeEach
	void haproxyInFront() throws IOException {
		this.admin = Http.to(this.httpPort).as("haproxy-admin", "haproxy-test-secret");
		if (haproxy == null) {
			haproxy = Haproxy.start(chatPort(), false, directory);
			// its readiness probes went through to the relay: wait until they are gone
			await().atMost(Duration.ofSeconds(10)).until(() -> this.server.openConnections() == 0);
		}
	}

	@AfterAll
	static void stopHaproxy() {
		if (haproxy != null) {
			haproxy.close();
			haproxy = null;
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 2 })
	void aClientBehindHaproxyIsListedUnderItsOwnAddress(int version) {
		String name = "via-v" + version;
		try (TestClient client = TestClient.connectFrom("127.0.0.5", haproxy.port(version)).loginAs(name)) {
			assertThat(user(name).get("remoteAddress").asString()).startsWith("127.0.0.5:");
			client.send("/quit");
			client.awaitClosed();
		}
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			JsonNode last = Http.json(this.admin.get("/api/disconnects")).get(0);
			assertThat(last.get("name").asString()).isEqualTo(name);
			assertThat(last.get("remoteAddress").asString()).startsWith("127.0.0.5:");
		});
	}

	@Test
	void anAddressBanOfTheClientRefusesItThroughHaproxyAndNobodyElse() {
		HttpResponse<String> banned = this.admin.postJson("/api/bans",
				"{\"address\": \"127.0.0.5\", \"reason\": \"behind the balancer\"}");
		assertThat(banned.statusCode()).isEqualTo(201);
		String id = Http.json(banned).get("id").asString();
		try {
			for (int version : new int[] { 1, 2 }) {
				try (TestClient client = TestClient.connectFrom("127.0.0.5", haproxy.port(version))) {
					client.expectLine("[SERVER] error: you are banned: behind the balancer");
					client.expectClosed();
				}
			}
			try (TestClient neighbour = TestClient.connectFrom("127.0.0.6", haproxy.port(2)).loginAs("neighbour")) {
				assertThat(user("neighbour").get("remoteAddress").asString()).startsWith("127.0.0.6:");
			}
		}
		finally {
			this.admin.delete("/api/bans/" + id);
		}
	}

	@Test
	void thePerAddressLimitCountsEachClientBehindHaproxy() {
		try (TestClient one = TestClient.connectFrom("127.0.0.5", haproxy.port(1));
				TestClient two = TestClient.connectFrom("127.0.0.5", haproxy.port(2));
				TestClient neighbour = TestClient.connectFrom("127.0.0.6", haproxy.port(1))) {
			one.expectLine("Enter your name:");
			two.expectLine("Enter your name:");
			neighbour.expectLine("Enter your name:"); // HAProxy's third connection, a client's first
			try (TestClient third = TestClient.connectFrom("127.0.0.5", haproxy.port(1))) {
				third.expectLine("[SERVER] error: too many connections from your address");
				third.expectClosed();
			}
		}
	}

	@Test
	void aDirectClientThatForgesAHeaderGainsNothing() {
		HttpResponse<String> banned = this.admin.postJson("/api/bans", "{\"address\": \"127.0.0.7\"}");
		String id = Http.json(banned).get("id").asString();
		try (TestClient forger = TestClient.connectFrom("127.0.0.7", chatPort())) {
			forger.expectLine("[SERVER] error: you are banned"); // before it could claim another address
			forger.expectClosed();
		}
		finally {
			this.admin.delete("/api/bans/" + id);
		}
		try (TestClient forger = TestClient.connectFrom("127.0.0.7", chatPort())) {
			forger.expectLine("Enter your name:");
			forger.sendRaw(ProxyHeaders.v1("127.0.0.5", 4444));
			assertThat(forger.readLine()).startsWith("[SERVER] error: "); // just an invalid name
			forger.loginAs("forger"); // from its prompt again
			assertThat(user("forger").get("remoteAddress").asString()).startsWith("127.0.0.7:");
		}
	}

	@Test
	void haproxysHealthChecksSendV2LocalAndKeepItsAddress() throws IOException {
		double before = localHeaders();
		int checked;
		try (Haproxy checking = Haproxy.start(chatPort(), true, directory)) {
			await().atMost(Duration.ofSeconds(10)).until(() -> localHeaders() >= before + 3);
			checked = (int) (localHeaders() - before);
		}
		assertThat(checked).isGreaterThanOrEqualTo(3);
		JsonNode disconnects = Http.json(this.admin.get("/api/disconnects"));
		assertThat(disconnects.get(0).get("remoteAddress").asString()).startsWith("127.0.0.1:");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.server.openConnections() == 0);
	}

	private double localHeaders() {
		return this.registry.get("chat.proxy.headers").tag("outcome", "local").counter().count();
	}

	private JsonNode user(String name) {
		HttpResponse<String> response = this.admin.get("/api/users/" + name);
		assertThat(response.statusCode()).isEqualTo(200);
		return Http.json(response);
	}

}
