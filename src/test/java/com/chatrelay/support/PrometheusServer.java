package com.chatrelay.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Prometheus server (Debian's prometheus, which .ci/run installs) on a free loopback port,
 * scraping the relay's management port every second as {@code job="chat-relay"}, as the chart's
 * ServiceMonitor and the alert rules name it.
 */
public final class PrometheusServer implements AutoCloseable {

	public static final String JOB = "chat-relay";

	private final Process process;

	private final Http api;

	private PrometheusServer(Process process, int port) {
		this.process = process;
		this.api = Http.to(port);
	}

	public static PrometheusServer scraping(Path work, int managementPort) throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Path config = work.resolve("prometheus.yml");
		Files.writeString(config, """
				global:
				  scrape_interval: 1s
				scrape_configs:
				  - job_name: %s
				    metrics_path: /actuator/prometheus
				    static_configs:
				      - targets: ['127.0.0.1:%d']
				""".formatted(JOB, managementPort));
		Process process = new ProcessBuilder(Binaries.find("prometheus", "prometheus"), "--config.file=" + config,
				"--storage.tsdb.path=" + work.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
			.redirectErrorStream(true).redirectOutput(work.resolve("prometheus.log").toFile()).start();
		PrometheusServer server = new PrometheusServer(process, port);
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
			.until(() -> server.api.get("/-/ready").statusCode() == 200);
		return server;
	}

	/** The result vector of an instant query (empty when nothing matches); fails when Prometheus refuses it. */
	public JsonNode query(String promql) {
		HttpResponse<String> response = this.api.get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
		JsonNode body = Http.json(response);
		assertThat(body.get("status").asString()).as("%s: %s", promql, response.body()).isEqualTo("success");
		return body.get("data").get("result");
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		this.process.waitFor();
	}

}
