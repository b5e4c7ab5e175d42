package com.chatrelay.cluster;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.chatrelay.ChatRelayApplication;
import com.chatrelay.bench.BenchCommand;
import com.chatrelay.support.Http;
import com.chatrelay.support.RedisServer;
import com.chatrelay.support.TestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two replicas of the relay and a real Redis: users of both chat as one room. */
class ClusterTest {

	@TempDir
	static Path work;

	private static RedisServer redis;

	private static ConfigurableApplicationContext one;

	private static ConfigurableApplicationContext two;

	@BeforeAll
	static void startCluster() throws Exception {
		redis = RedisServer.start(work);
		one = replica("one");
		two = replica("two");
		// both replicas listen on the channel before the tests talk (subscribing is asynchronous)
		StringRedisTemplate template = one.getBean(StringRedisTemplate.class);
		await().atMost(Duration.ofSeconds(20)).until(() -> subscribers(template) == 2);
	}

	/** Publishes an event no replica acts on; Redis answers how many subscribers got it. */
	private static long subscribers(StringRedisTemplate template) {
		Long receivers = template.convertAndSend(RedisKeys.CHANNEL, "not a batch of events: no replica acts on it");
		return (receivers != null) ? receivers : 0;
	}

	/** Each test starts in an empty room: the users of the one before have left both replicas. */
	@BeforeEach
	void everybodyLeft() {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(Http.json(admin(one).get("/api/users")).size()).isZero();
			assertThat(Http.json(admin(two).get("/api/users")).size()).isZero();
		});
	}

	@AfterAll
	static void stopCluster() throws Exception {
		if (one != null) {
			one.close();
		}
		if (two != null) {
			two.close();
		}
		if (redis != null) {
			redis.close();
		}
	}

	private static ConfigurableApplicationContext replica(String id) {
		return new SpringApplicationBuilder(ChatRelayApplication.class).run("--chat.tcp.port=0", "--server.port=0",
				"--management.server.port=0", "--chat.cluster.enabled=true", "--chat.cluster.replica-id=" + id,
				"--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redis.port(),
				"--chat.admin.password=cluster-secret");
	}

	private static int chatPort(ConfigurableApplicationContext replica) {
		return replica.getBean(AbstractServerConnectionFactory.class).getPort();
	}

	private static Http admin(ConfigurableApplicationContext replica) {
		return Http.to(((WebServerApplicationContext) replica).getWebServer().getPort()).as("admin", "cluster-secret");
	}

	@Test
	void usersOfDifferentReplicasChatAsOneRoom() {
		try (TestClient alice = TestClient.login(chatPort(one), "alice"); TestClient bob = TestClient.login(chatPort(two), "bob")) {
			alice.awaitLine("[SERVER] bob joined the chat");
			alice.send("hello from one");
			bob.awaitLine("[alice] hello from one");
			bob.send("hello from two");
			alice.awaitLine("[bob] hello from two");
			alice.send("/msg BOB psst");
			bob.awaitLine("[alice -> you] psst");
			bob.send("/who");
			bob.awaitLine("[SERVER] online (2): alice, bob");
		}
	}

	@Test
	void countsAreTheWholeClusters() {
		try (TestClient fay = TestClient.login(chatPort(one), "fay"); TestClient gil = TestClient.connect(chatPort(two))) {
			await().atMost(Duration.ofSeconds(5)).until(() -> Http.json(admin(two).get("/api/users")).size() == 1);
			gil.expectLine("Enter your name:");
			gil.send("gil");
			gil.expectLine("[SERVER] welcome, gil! 2 online. Type /help for commands.");
			fay.awaitLine("[SERVER] gil joined the chat");
			for (ConfigurableApplicationContext replica : new ConfigurableApplicationContext[] { one, two }) {
				await().atMost(Duration.ofSeconds(5))
					.untilAsserted(() -> assertThat(Http.json(admin(replica).get("/api/stats")).get("usersOnline").asInt()).isEqualTo(2));
			}
		}
	}

	@Test
	void theBenchmarkSpreadsItsClientsOverTheReplicasAndTimesLinesThatCrossThem() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		BenchCommand.run(new String[] { "--ports=" + chatPort(one) + "," + chatPort(two), "--clients=6",
				"--senders=2", "--rate=30", "--duration=2s", "--warmup=500ms", "--name-prefix=spread" },
				new PrintStream(out, true, StandardCharsets.UTF_8));
		String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
		JsonNode result = new ObjectMapper().readTree(lines[lines.length - 1]);
		assertThat(result.get("lost").asLong()).isZero();
		assertThat(result.get("delivered").asLong()).isEqualTo(result.get("expected").asLong());
		// 2 senders, one per replica, at 15 lines/s each (under the rate limit); 5 readers each, 3 on the other replica
		assertThat(result.get("crossReplicaDelivered").asLong()).isEqualTo(result.get("sent").asLong() * 3);
		assertThat(result.get("crossReplicaP99Ms").asDouble()).isPositive();
	}

	@Test
	void namesAreUniqueAcrossTheCluster() {
		try (TestClient carol = TestClient.login(chatPort(one), "carol"); TestClient other = TestClient.connect(chatPort(two))) {
			other.expectLine("Enter your name:");
			other.send("CAROL");
			assertThat(other.readLine()).startsWith("[SERVER] error: ").contains("taken");
		}
	}

	@Test
	void theAdminApiSeesAndKicksUsersOfEveryReplica() {
		try (TestClient dave = TestClient.login(chatPort(one), "dave"); TestClient erin = TestClient.login(chatPort(two), "erin")) {
			Http adminOne = admin(one);
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				Map<String, String> replicaOf = new HashMap<>();
				for (JsonNode user : Http.json(adminOne.get("/api/users"))) {
					replicaOf.put(user.get("name").asString(), user.get("replicaId").asString());
				}
				assertThat(replicaOf).containsEntry("dave", "one").containsEntry("erin", "two");
			});
			JsonNode remoteErin = Http.json(adminOne.get("/api/users/ERIN"));
			assertThat(remoteErin.get("replicaId").asString()).isEqualTo("two");
			assertThat(remoteErin.get("pendingBytes").isNull()).as("only erin's replica knows her queue").isTrue();
			assertThat(Http.json(adminOne.get("/api/users/dave")).get("pendingBytes").isNumber()).isTrue();
			assertThat(adminOne.delete("/api/users/erin?reason=testing").statusCode()).isEqualTo(204);
			assertThat(adminOne.get("/api/users/erin").statusCode()).isEqualTo(404);
			erin.awaitLine("[SERVER] you were disconnected by an administrator: testing");
			erin.expectClosed();
			dave.awaitLine("[SERVER] erin left the chat (kicked: testing)");
		}
	}

}
