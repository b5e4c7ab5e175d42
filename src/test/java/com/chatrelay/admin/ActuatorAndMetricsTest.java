package com.chatrelay.admin;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.chatrelay.support.Http;
import com.chatrelay.support.Promtool;
import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Health, info, the chat endpoint and the Prometheus scrape on the management port. */
@TestPropertySource(properties = "chat.admin.password=metrics-secret")
class ActuatorAndMetricsTest extends RelayTestBase {

	private static final List<String> METRIC_NAMES = List.of("chat_users_online", "chat_connections_open",
			"chat_connections_opened_total", "chat_connections_closed_total", "chat_messages_received_total",
			"chat_messages_delivered_total", "chat_messages_dropped_total", "chat_bytes_received_total",
			"chat_bytes_sent_total", "chat_relay_latency_seconds_bucket", "chat_relay_latency_seconds_count",
			"chat_ready", "chat_connections_limit");

	@LocalManagementPort
	private int managementPort;

	@LocalServerPort
	private int httpPort;

	private Http management;

	@BeforeEach
	void clients() {
		this.management = Http.to(this.managementPort);
	}

	@Test
	void healthGroupsAreOpenAndReadinessWatchesTheChatPort() {
		assertThat(this.management.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
		HttpResponse<String> readiness = this.management.get("/actuator/health/readiness");
		assertThat(readiness.statusCode()).isEqualTo(200);
		JsonNode body = Http.json(readiness);
		assertThat(body.get("status").asString()).isEqualTo("UP");
		assertThat(body.get("components").get("tcpListener").get("status").asString()).isEqualTo("UP");
		assertThat(body.get("components").get("tcpListener").get("details").get("port").asInt()).isEqualTo(chatPort());
	}

	@Test
	void infoShowsTheBuildAndTheCommit() {
		JsonNode info = Http.json(this.management.get("/actuator/info"));
		assertThat(info.get("build").get("artifact").asString()).isEqualTo("chat-relay");
		assertThat(info.get("git").get("commit").get("id").asString()).isNotBlank();
	}

	@Test
	void everyContractMetricIsScraped() {
		String scrape = scrape();
		for (String name : METRIC_NAMES) {
			assertThat(scrape).as(name).containsPattern("(?m)^" + name + "[{ ]");
		}
		for (String reason : List.of("client", "quit", "kicked", "slow_consumer", "line_too_long", "server_full",
				"handshake_timeout", "idle", "shutdown", "error")) {
			assertThat(scrape).contains("chat_connections_closed_total{reason=\"" + reason + "\"}");
		}
	}

	@Test
	void countersMoveWhenUsersChat() {
		double received = value(scrape(), "chat_messages_received_total");
		double delivered = value(scrape(), "chat_messages_delivered_total");
		double bytesIn = value(scrape(), "chat_bytes_received_total");
		double latencyCount = value(scrape(), "chat_relay_latency_seconds_count");
		try (TestClient a = login("meter-a"); TestClient b = login("meter-b")) {
			a.send("one");
			a.send("two");
			b.awaitLine("[meter-a] two");
			String after = scrape();
			assertThat(value(after, "chat_messages_received_total")).isEqualTo(received + 2);
			// meter-b's join notice to meter-a, then both lines to meter-b
			assertThat(value(after, "chat_messages_delivered_total")).isEqualTo(delivered + 1 + 2);
			// both names and both lines, each with its LF
			assertThat(value(after, "chat_bytes_received_total")).isEqualTo(bytesIn + "meter-a\nmeter-b\none\ntwo\n".length());
			assertThat(value(after, "chat_relay_latency_seconds_count")).isEqualTo(latencyCount + 2);
			await().atMost(Duration.ofSeconds(5)).until(() -> value(scrape(), "chat_bytes_sent_total") > 0);
		}
	}

	@Test
	void usersOnlineMatchesTheConnectedUsers() {
		Http admin = Http.to(this.httpPort).as("admin", "metrics-secret");
		try (TestClient a = login("online-a"); TestClient b = login("online-b"); TestClient c = login("online-c")) {
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(value(scrape(), "chat_users_online"))
				.isEqualTo(Http.json(admin.get("/api/users")).size()));
			assertThat(value(scrape(), "chat_users_online")).isEqualTo(3);
		}
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(value(scrape(), "chat_users_online"))
			.isEqualTo(Http.json(admin.get("/api/users")).size()));
	}

	@Test
	void closedConnectionsAreCountedByReason() {
		double quits = value(scrape(), "chat_connections_closed_total{reason=\"quit\"}");
		try (TestClient q = login("closer")) {
			q.send("/quit");
			q.awaitClosed();
		}
		await().atMost(Duration.ofSeconds(5))
			.until(() -> value(scrape(), "chat_connections_closed_total{reason=\"quit\"}") == quits + 1);
	}

	@Test
	void theChatEndpointNeedsTheAdmin() {
		assertThat(this.management.get("/actuator/chat").statusCode()).isEqualTo(401);
		Http admin = this.management.as("admin", "metrics-secret");
		try (TestClient kicked = login("endpoint-kick"); TestClient other = login("endpoint-other")) {
			JsonNode overview = Http.json(admin.get("/actuator/chat"));
			assertThat(overview.get("stats").get("usersOnline").asInt()).isEqualTo(2);
			assertThat(overview.get("users").findValuesAsString("name")).contains("endpoint-kick", "endpoint-other");
			assertThat(this.management.delete("/actuator/chat/endpoint-kick").statusCode()).isEqualTo(401);
			assertThat(admin.delete("/actuator/chat/ENDPOINT-KICK").statusCode()).isEqualTo(204);
			kicked.awaitLine((line) -> line.startsWith("[SERVER] you were disconnected by an administrator"));
			kicked.expectClosed();
			other.awaitLine("[SERVER] endpoint-kick left the chat (kicked)");
			HttpResponse<String> unknown = admin.delete("/actuator/chat/endpoint-kick");
			assertThat(unknown.statusCode()).isEqualTo(404);
			assertThat(Http.json(unknown).get("detail").asString()).isEqualTo("no user named endpoint-kick");
		}
	}

	@Test
	void theScrapePassesPrometheusOwnChecker() throws Exception {
		Promtool.Result check = Promtool.run(scrape(), "check", "metrics");
		// 0: clean; 3: lint warnings only (Micrometer's _count suffixes and the like); 1: a parse error
		assertThat(check.exitCode()).as(check.output()).isIn(0, 3);
		assertThat(check.output()).as("promtool found errors").doesNotContainIgnoringCase("error");
	}

	private String scrape() {
		HttpResponse<String> response = this.management.get("/actuator/prometheus");
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private static double value(String scrape, String series) {
		String pattern = "(?m)^" + Pattern.quote(series) + (series.contains("{") ? "" : "(?:\\{\\})?") + " (\\S+)$";
		Matcher matcher = Pattern.compile(pattern).matcher(scrape);
		assertThat(matcher.find()).as("series " + series).isTrue();
		return Double.parseDouble(matcher.group(1));
	}

}
