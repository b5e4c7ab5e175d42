package com.chatrelay.deploy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.chatrelay.support.Binaries;
import com.chatrelay.support.Http;
import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import org.junit.jupiter.api.AfterEach;
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

	private Process prometheus;

	@AfterEach
	void stopPrometheus() throws InterruptedException {
		if (this.prometheus != null) {
			this.prometheus.destroy();
			this.prometheus.waitFor();
		}
	}

	@Test
	void prometheusSeesTheUsersOnline() throws Exception {
		int prometheusPort = freePort();
		Path config = this.work.resolve("prometheus.yml");
		Files.writeString(config, """
				global:
				  scrape_interval: 1s
				scrape_configs:
				  - job_name: chat-relay
				    metrics_path: /actuator/prometheus
				    static_configs:
				      - targets: ['127.0.0.1:%d']
				""".formatted(this.managementPort));
		this.prometheus = new ProcessBuilder(Binaries.find("prometheus", "prometheus"), "--config.file=" + config,
				"--storage.tsdb.path=" + this.work.resolve("data"), "--web.listen-address=127.0.0.1:" + prometheusPort)
			.redirectErrorStream(true).redirectOutput(this.work.resolve("prometheus.log").toFile()).start();
		Http api = Http.to(prometheusPort);
		try (TestClient a = login("prom-a"); TestClient b = login("prom-b")) {
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
				JsonNode result = Http.json(api.get("/api/v1/query?query=chat_users_online%7Bjob%3D%22chat-relay%22%7D"));
				assertThat(result.get("status").asString()).isEqualTo("success");
				assertThat(result.get("data").get("result").get(0).get("value").get(1).asString()).isEqualTo("2");
			});
			JsonNode up = Http.json(api.get("/api/v1/query?query=up%7Bjob%3D%22chat-relay%22%7D"));
			assertThat(up.get("data").get("result").get(0).get("value").get(1).asString()).isEqualTo("1");
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
