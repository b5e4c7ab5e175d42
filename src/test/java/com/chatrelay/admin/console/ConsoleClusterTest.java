package com.chatrelay.admin.console;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.chatrelay.ChatRelayApplication;
import com.chatrelay.support.Browser;
import com.chatrelay.support.ConsoleSession;
import com.chatrelay.support.Http;
import com.chatrelay.support.RedisServer;
import com.chatrelay.support.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two replicas and a real Redis: the console of one shows the users of both, each with its replica. */
class ConsoleClusterTest {

	@TempDir
	private Path work;

	@Test
	void theConsoleOfOneReplicaListsEveryReplicasUsersWithTheirReplica() throws Exception {
		try (RedisServer redis = RedisServer.start(this.work);
				ConfigurableApplicationContext one = replica("one", redis);
				ConfigurableApplicationContext two = replica("two", redis)) {
			ConsoleSession session = new ConsoleSession(httpPort(one)).logIn("admin", "cluster-console");
			try (TestClient alice = TestClient.login(chatPort(one), "alice");
					TestClient bob = TestClient.login(chatPort(two), "bob")) {
				showsBothWithTheirReplica(session, httpPort(one));
			}
			// the replicas stop once their users have gone, not while they are still leaving
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
					Http.json(session.get("/admin/api/overview")).get("users").get("total").asInt()).isZero());
		}
	}

	private void showsBothWithTheirReplica(ConsoleSession session, int httpPort) throws Exception {
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode overview = Http.json(session.get("/admin/api/overview"));
			assertThat(overview.get("clustered").asBoolean()).isTrue();
			JsonNode rows = overview.get("users").get("rows");
			assertThat(rows).hasSize(2);
			assertThat(rows.get(0).get("name").asString() + "@" + rows.get(0).get("replicaId").asString()).isEqualTo("alice@one");
			assertThat(rows.get(1).get("name").asString() + "@" + rows.get(1).get("replicaId").asString()).isEqualTo("bob@two");
		});
		try (Browser browser = Browser.desktop(this.work, 1280, 900)) {
			ChromeDriver driver = browser.driver();
			driver.get("http://127.0.0.1:" + httpPort + "/admin");
			driver.findElement(By.id("username")).sendKeys("admin");
			driver.findElement(By.id("password")).sendKeys("cluster-console", Keys.ENTER);
			await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
				assertThat(driver.findElement(By.cssSelector("#users-table th.replica-col")).isDisplayed()).isTrue();
				List<String> replicas = driver.findElements(By.cssSelector("#users-body td.replica-col")).stream()
					.map(WebElement::getText).toList();
				assertThat(replicas).containsExactly("one", "two");
			});
			assertThat(browser.consoleProblems()).isEmpty();
		}
	}

	private static ConfigurableApplicationContext replica(String id, RedisServer redis) {
		return new SpringApplicationBuilder(ChatRelayApplication.class).run("--chat.tcp.port=0", "--server.port=0",
				"--management.server.port=0", "--chat.cluster.enabled=true", "--chat.cluster.replica-id=" + id,
				"--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redis.port(),
				"--chat.admin.password=cluster-console");
	}

	private static int chatPort(ConfigurableApplicationContext replica) {
		return replica.getBean(AbstractServerConnectionFactory.class).getPort();
	}

	private static int httpPort(ConfigurableApplicationContext replica) {
		return ((WebServerApplicationContext) replica).getWebServer().getPort();
	}

}
