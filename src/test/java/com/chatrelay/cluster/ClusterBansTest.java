package com.chatrelay.cluster;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.chatrelay.support.Http;
import com.chatrelay.support.RedisServer;
import com.chatrelay.support.TestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Bans are the cluster's: made on one replica, enforced, listed and lifted on every one, kept in Redis across restarts. */
class ClusterBansTest {

	@TempDir
	static Path work;

	private static RedisServer redis;

	private static Replica one;

	private static Replica two;

	@BeforeAll
	static void startCluster() throws Exception {
		redis = RedisServer.start(work);
		one = Replica.start("one", redis.port());
		two = Replica.start("two", redis.port());
	}

	@AfterAll
	static void stopCluster() throws Exception {
		for (AutoCloseable closeable : new AutoCloseable[] { one, two, redis }) {
			if (closeable != null) {
				closeable.close();
			}
		}
	}

	@Test
	void aBanMadeOnOneReplicaHoldsOnEveryReplicaUntilLiftedOnAnother() {
		try (TestClient mallory = TestClient.login(two.chatPort(), "mallory"); TestClient olivia = TestClient.login(two.chatPort(), "olivia")) {
			HttpResponse<String> made = one.admin().postJson("/api/bans", "{\"name\": \"MALLORY\", \"reason\": \"spam\"}");
			assertThat(made.statusCode()).isEqualTo(201);
			String id = Http.json(made).get("id").asString();

			mallory.awaitLine("[SERVER] you are banned: spam");
			mallory.expectClosed();
			olivia.awaitLine("[SERVER] mallory left the chat (banned: spam)");
			assertThat(ids(two.admin().get("/api/bans"))).containsExactly(id);
			assertThat(two.admin().get("/api/bans/" + id).statusCode()).isEqualTo(200);
			for (Replica replica : List.of(one, two)) {
				refusedName(replica, "Mallory", "[SERVER] error: you are banned: spam");
			}

			assertThat(two.admin().delete("/api/bans/" + id).statusCode()).isEqualTo(204);
			assertThat(ids(one.admin().get("/api/bans"))).isEmpty();
			assertThat(one.admin().delete("/api/bans/" + id).statusCode()).isEqualTo(404);
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> TestClient.login(one.chatPort(), "mallory").close());
		}
	}

	@Test
	void anAddressBanMadeOnOneReplicaRefusesConnectionsToTheOther() {
		String id = null;
		try (TestClient present = TestClient.login(one.chatPort(), "present")) {
			HttpResponse<String> made = two.admin().postJson("/api/bans", "{\"address\": \"127.0.0.0/8\", \"reason\": \"go away\"}");
			assertThat(made.statusCode()).isEqualTo(201);
			id = Http.json(made).get("id").asString();
			present.awaitLine("[SERVER] you are banned: go away");
			present.expectClosed();
			try (TestClient refused = TestClient.connect(one.chatPort())) {
				refused.expectLine("[SERVER] error: you are banned: go away");
				refused.expectClosed();
			}
		}
		finally {
			if (id != null) {
				assertThat(one.admin().delete("/api/bans/" + id).statusCode()).isEqualTo(204);
			}
		}
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> TestClient.login(two.chatPort(), "back").close());
	}

	@Test
	void bansAreKeptInRedisSoAReplicaStartedLaterEnforcesThem() {
		HttpResponse<String> made = one.admin().postJson("/api/bans", "{\"name\": \"trudy\", \"reason\": \"again\", \"duration\": \"PT1H\"}");
		assertThat(made.statusCode()).isEqualTo(201);
		String id = Http.json(made).get("id").asString();
		try (Replica three = Replica.start("three", redis.port())) {
			assertThat(ids(three.admin().get("/api/bans"))).containsExactly(id);
			refusedName(three, "TRUDY", "[SERVER] error: you are banned: again");
		}
		finally {
			assertThat(one.admin().delete("/api/bans/" + id).statusCode()).isEqualTo(204);
		}
	}

	private static void refusedName(Replica replica, String name, String error) {
		try (TestClient again = TestClient.connect(replica.chatPort())) {
			again.expectLine("Enter your name:");
			again.send(name);
			again.expectLine(error);
			again.expectClosed();
		}
	}

	private static List<String> ids(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		Http.json(response).forEach((ban) -> ids.add(ban.get("id").asString()));
		return ids;
	}

}
