package com.chatrelay.deploy;

import java.nio.file.Path;
import java.time.Duration;

import com.chatrelay.support.PrometheusServer;
import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A real Prometheus server scrapes the running relay; its query API shows the users who connected. */
@TestPropertySource(properties = "chat.admin.password=prometheus-test")
class PrometheusScrapeTest extends RelayTestBase {

	@LocalManagementPort
	private int managementPort;

	@TempDir
	private Path work;

	@Test
	void prometheusSeesTheUsersOnline() throws Exception {
		try (PrometheusServer prometheus = PrometheusServer.scraping(this.work, this.managementPort);
				TestClient a = login("prom-a"); TestClient b = login("prom-b")) {
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
				JsonNode result = prometheus.query("chat_users_online{job=\"chat-relay\"}");
				assertThat(result).isNotEmpty();
				assertThat(result.get(0).get("value").get(1).asString()).isEqualTo("2");
			});
			JsonNode up = prometheus.query("up{job=\"chat-relay\"}");
			assertThat(up.get(0).get("value").get(1).asString()).isEqualTo("1");
		}
	}

}
