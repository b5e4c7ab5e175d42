package com.chatrelay.admin.api;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.chatrelay.support.Http;
import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bans over real HTTP and real sockets. Every test client comes from 127.0.0.1, so an address ban
 * hits them all: this class has its own context (its own credentials) and every ban is lifted in
 * a finally block.
 */
@TestPropertySource(properties = { "chat.admin.username=warden", "chat.admin.password=s3cret-for-ban-tests" })
class BanApiTest extends RelayTestBase {

	private static final AtomicInteger ids = new AtomicInteger();

	@LocalServerPort
	private int httpPort;

	private Http admin;

	@BeforeEach
	void clients() {
		this.admin = Http.to(this.httpPort).as("warden", "s3cret-for-ban-tests");
	}

	private static String unique(String prefix) {
		return prefix + ids.incrementAndGet();
	}

	@Test
	void aNameBanDisconnectsTheUserAndRefusesTheNameAndItsConfusablesUntilLifted() {
		String victim = unique("Mallory");
		String id = null;
		try (TestClient v = login(victim); TestClient other = login(unique("olivia"))) {
			HttpResponse<String> response = this.admin.postJson("/api/bans",
					"{\"name\": \"" + victim.toLowerCase() + "\", \"reason\": \"spam \\u001b[1m\"}");
			assertThat(response.statusCode()).isEqualTo(201);
			JsonNode ban = Http.json(response);
			id = ban.get("id").asString();
			String location = "/api/bans/" + id;
			assertThat(ban.propertyNames()).containsExactlyInAnyOrder("id", "name", "address", "reason", "createdAt", "expiresAt");
			assertThat(ban.get("name").asString()).isEqualTo(victim.toLowerCase());
			assertThat(ban.get("address").isNull()).isTrue();
			assertThat(ban.get("reason").asString()).isEqualTo("spam [1m");
			assertThat(ban.get("expiresAt").isNull()).isTrue();
			assertThat(response.headers().firstValue("Location")).hasValueSatisfying((header) -> assertThat(header).endsWith(location));
			v.awaitLine("[SERVER] you are banned: spam [1m");
			v.expectClosed();
			other.awaitLine("[SERVER] " + victim + " left the chat (banned: spam [1m)");
			assertThat(this.admin.get("/api/bans/" + id).statusCode()).isEqualTo(200);
			assertThat(ids(this.admin.get("/api/bans"))).contains(id);
			await().atMost(Duration.ofSeconds(5)).until(() -> {
				JsonNode last = Http.json(this.admin.get("/api/disconnects")).get(0);
				return victim.equals(last.get("name").asString()) && "banned".equals(last.get("reason").asString());
			});

			for (String name : List.of(victim, victim.toUpperCase(), fullWidth(victim))) {
				try (TestClient again = connect()) {
					again.expectLine("Enter your name:");
					again.send(name);
					again.expectLine("[SERVER] error: you are banned: spam [1m");
					again.expectClosed();
				}
			}
			try (TestClient renamer = login(unique("renamer"))) {
				renamer.send("/nick " + victim);
				renamer.expectLine("[SERVER] error: you are banned: spam [1m");
				renamer.expectClosed();
			}

			assertThat(this.admin.delete("/api/bans/" + id).statusCode()).isEqualTo(204);
			id = null;
			login(victim).close();
		}
		finally {
			if (id != null) {
				this.admin.delete("/api/bans/" + id);
			}
		}
	}

	@Test
	void anAddressBanRefusesConnectionsUntilLifted() {
		String id = null;
		try (TestClient present = login(unique("present"))) {
			HttpResponse<String> response = this.admin.postJson("/api/bans",
					"{\"address\": \"127.0.0.1/32\", \"reason\": \"go away\", \"duration\": \"PT1H\"}");
			assertThat(response.statusCode()).isEqualTo(201);
			JsonNode ban = Http.json(response);
			id = ban.get("id").asString();
			assertThat(ban.get("address").asString()).isEqualTo("127.0.0.1/32");
			assertThat(ban.get("name").isNull()).isTrue();
			assertThat(Duration.between(Instant.parse(ban.get("createdAt").asString()),
					Instant.parse(ban.get("expiresAt").asString()))).isEqualTo(Duration.ofHours(1));
			present.awaitLine("[SERVER] you are banned: go away");
			present.expectClosed();
			try (TestClient refused = connect()) {
				refused.expectLine("[SERVER] error: you are banned: go away");
				refused.expectClosed();
			}
			assertThat(this.admin.delete("/api/bans/" + id).statusCode()).isEqualTo(204);
			id = null;
			login(unique("back")).close();
		}
		finally {
			if (id != null) {
				this.admin.delete("/api/bans/" + id);
			}
		}
	}

	@Test
	void badBodiesAreProblemsAndBanNobody() {
		List<String> before = ids(this.admin.get("/api/bans"));
		for (String body : List.of("{}", "{\"name\": \"a\", \"address\": \"127.0.0.1\"}", "{\"address\": \"localhost\"}",
				"{\"address\": \"300.1.1.1\"}", "{\"address\": \"127.0.0.1/33\"}", "{\"name\": \"bad name\"}",
				"{\"name\": \"\"}", "{\"name\": \"x\", \"duration\": \"1h\"}", "{\"name\": \"x\", \"duration\": \"PT0S\"}",
				"{\"name\": \"x\", \"duration\": \"-PT1H\"}", "{\"name\": \"x\", \"duration\": \"PT9223372036854775807S\"}", "{\"name\": \"x\", \"reason\": \"" + "r".repeat(201) + "\"}",
				"not json", "{\"name\": 42}", "{\"name\": \"x\", \"reason\": 7}", "{\"name\": ")) {
			HttpResponse<String> response = this.admin.postJson("/api/bans", body);
			assertThat(response.statusCode()).as(body).isEqualTo(400);
			assertProblem(response, 400);
		}
		assertThat(ids(this.admin.get("/api/bans"))).isEqualTo(before);
	}

	@Test
	void anUnknownBanIsAProblem() {
		assertProblem(this.admin.delete("/api/bans/no-such-ban"), 404);
		assertProblem(this.admin.get("/api/bans/no-such-ban"), 404);
	}

	@Test
	void bansAndUnbansAreAudited() {
		String name = unique("audited");
		HttpResponse<String> response = this.admin.postJson("/api/bans", "{\"name\": \"" + name + "\", \"reason\": \"rude\"}");
		String id = Http.json(response).get("id").asString();
		assertThat(this.admin.delete("/api/bans/" + id).statusCode()).isEqualTo(204);
		JsonNode trail = Http.json(this.admin.get("/api/audit"));
		JsonNode unban = trail.get(0);
		assertThat(unban.get("action").asString()).isEqualTo("unban");
		assertThat(unban.get("target").asString()).isEqualTo(name);
		assertThat(unban.get("username").asString()).isEqualTo("warden");
		JsonNode ban = trail.get(1);
		assertThat(ban.get("action").asString()).isEqualTo("ban");
		assertThat(ban.get("target").asString()).isEqualTo(name);
		assertThat(ban.get("detail").asString()).isEqualTo("rude");
	}

	@Test
	void withoutCredentialsNothingIsBanned() {
		Http anonymous = Http.to(this.httpPort);
		assertThat(anonymous.postJson("/api/bans", "{\"name\": \"victim\"}").statusCode()).isEqualTo(401);
		assertThat(anonymous.get("/api/bans").statusCode()).isEqualTo(401);
		assertThat(ids(this.admin.get("/api/bans"))).isEmpty();
	}

	@Test
	void theBansApiIsDescribedByOpenApi() {
		JsonNode paths = Http.json(this.admin.get("/v3/api-docs")).get("paths");
		assertThat(paths.propertyNames()).contains("/api/bans", "/api/bans/{id}");
		assertThat(paths.get("/api/bans").get("post").get("responses").propertyNames()).contains("201", "400", "401");
		assertThat(paths.get("/api/bans/{id}").get("delete").get("responses").propertyNames()).contains("204", "404", "401");
	}

	private static List<String> ids(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		Http.json(response).forEach((ban) -> ids.add(ban.get("id").asString()));
		return ids;
	}

	/** The full-width form of ASCII letters and digits: another spelling of the same name. */
	private static String fullWidth(String name) {
		StringBuilder wide = new StringBuilder();
		name.chars().forEach((c) -> wide.appendCodePoint(Character.isLetterOrDigit(c) ? c - 0x21 + 0xFF01 : c));
		return wide.toString();
	}

	private static void assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = Http.json(response);
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("title").asString()).isNotBlank();
	}

}
