package com.chatrelay.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.chatrelay.support.Http;
import com.chatrelay.support.PrometheusServer;
import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every query of the chart's Grafana dashboard, run against a real Prometheus that scrapes the running
 * relay while users chat: each returns data, and numbers (a quantile of an empty histogram would be NaN).
 */
@TestPropertySource(properties = "chat.admin.password=dashboard-test")
class GrafanaDashboardTest extends RelayTestBase {

	@LocalManagementPort
	private int managementPort;

	@LocalServerPort
	private int httpPort;

	@TempDir
	private Path work;

	@Test
	void everyPanelQueryReturnsDataFromARealPrometheus() throws Exception {
		List<String> queries = GrafanaDashboard.rendered().queries().stream().map(GrafanaDashboard::forPrometheus).toList();
		assertThat(queries).hasSizeGreaterThanOrEqualTo(15).noneMatch((query) -> query.contains("$"));
		// the GC panels read jvm_gc_pause_seconds, which Micrometer publishes from the first collection on
		System.gc();
		ScheduledExecutorService chatter = Executors.newSingleThreadScheduledExecutor();
		try (PrometheusServer prometheus = PrometheusServer.scraping(this.work, this.managementPort);
				TestClient alice = login("dash-alice"); TestClient bob = login("dash-bob")) {
			AtomicInteger sent = new AtomicInteger();
			chatter.scheduleAtFixedRate(() -> alice.send("line " + sent.incrementAndGet()), 0, 100, TimeUnit.MILLISECONDS);
			assertThat(Http.to(this.httpPort).as("admin", "wrong").get("/api/stats").statusCode()).isEqualTo(401);
			await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
				SoftAssertions softly = new SoftAssertions();
				for (String query : queries) {
					JsonNode result = prometheus.query(query);
					softly.assertThat(result).as(query).isNotEmpty();
					result.forEach((series) -> softly.assertThat(Double.parseDouble(series.get("value").get(1).asString()))
						.as("%s %s", query, series.get("metric")).isFinite());
				}
				softly.assertThat(prometheus.query("chat_users_online{job=\"chat-relay\"}")).as("the $job and $instance menus' metric")
					.isNotEmpty();
				softly.assertAll();
			});
			assertThat(sent.get()).isPositive();
		}
		finally {
			chatter.shutdownNow();
			assertThat(chatter.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
		}
	}

}
