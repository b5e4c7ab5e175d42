package com.chatrelay.admin.api;

import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.chatrelay.support.Http;
import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import com.sun.management.OperatingSystemMXBean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every call of the admin REST API over real HTTP, with real chat users on real sockets. */
@TestPropertySource(properties = { "chat.admin.username=boss", "chat.admin.password=s3cret-for-tests" })
@ExtendWith(OutputCaptureExtension.class)
class AdminApiTest extends RelayTestBase {

	private static final AtomicInteger ids = new AtomicInteger();

	@LocalServerPort
	private int httpPort;

	private Http admin;

	private Http anonymous;

	@BeforeEach
	void clients() {
		this.anonymous = Http.to(this.httpPort);
		this.admin = this.anonymous.as("boss", "s3cret-for-tests");
	}

	private static String unique(String prefix) {
		return prefix + ids.incrementAndGet();
	}

	@Test
	void usersAreListedSortedWithTheirCounters() {
		String zed = unique("zed");
		String amy = unique("Amy");
		try (TestClient z = login(zed); TestClient a = login(amy)) {
			z.send("hello there");
			a.awaitLine("[" + zed + "] hello there");
			HttpResponse<String> response = this.admin.get("/api/users");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Set-Cookie")).as("stateless: no session cookie").isEmpty();
			assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
			List<String> names = new ArrayList<>();
			Http.json(response).forEach((user) -> names.add(user.get("name").asString()));
			List<String> sorted = new ArrayList<>(names);
			sorted.sort(String.CASE_INSENSITIVE_ORDER);
			assertThat(names).isEqualTo(sorted).contains(zed, amy);
			JsonNode user = find(Http.json(response), zed);
			assertThat(user.propertyNames()).containsExactlyInAnyOrder("name", "connectionId", "remoteAddress",
					"connectedAt", "lastActivityAt", "messagesIn", "messagesOut", "bytesIn", "bytesOut", "pendingBytes", "rooms",
					"activeRoom");
			assertThat(user.get("messagesIn").asLong()).isEqualTo(1);
			assertThat(user.get("bytesIn").asLong()).isEqualTo((zed + "\nhello there\n").length()); // its name, its line
			assertThat(user.get("remoteAddress").asString()).startsWith("127.0.0.1:");
			assertThat(Instant.parse(user.get("connectedAt").asString())).isBefore(Instant.now());
			assertThat(Instant.parse(user.get("lastActivityAt").asString())).isAfterOrEqualTo(Instant.parse(user.get("connectedAt").asString()));
			assertThat(find(Http.json(response), amy).get("messagesOut").asLong()).isEqualTo(2); // welcome + line
		}
	}

	@Test
	void oneUserIsFoundIgnoringCase() {
		String name = unique("Carol");
		try (TestClient c = login(name)) {
			HttpResponse<String> response = this.admin.get("/api/users/" + name.toUpperCase());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(Http.json(response).get("name").asString()).isEqualTo(name);
		}
	}

	@Test
	void anUnknownUserIsAProblem() {
		HttpResponse<String> response = this.admin.get("/api/users/nobody-" + ids.incrementAndGet());
		assertThat(response.statusCode()).isEqualTo(404);
		assertProblem(response, 404);
		assertThat(this.admin.delete("/api/users/nobody-" + ids.incrementAndGet()).statusCode()).isEqualTo(404);
	}

	@Test
	void deleteDisconnectsTheUserAndTellsEverybody() {
		String victim = unique("Victim");
		try (TestClient v = login(victim); TestClient other = login(unique("other"))) {
			HttpResponse<String> response = this.admin.delete("/api/users/" + victim.toLowerCase() + "?reason=spamming%20links");
			assertThat(response.statusCode()).isEqualTo(204);
			assertThat(this.admin.get("/api/users/" + victim).statusCode()).isEqualTo(404);
			v.awaitLine("[SERVER] you were disconnected by an administrator: spamming links");
			v.expectClosed();
			other.awaitLine("[SERVER] " + victim + " left the chat (kicked: spamming links)");
		}
	}

	@Test
	void statsCountTheRelay() {
		String a = unique("stat");
		try (TestClient first = login(a); TestClient second = login(unique("stat"))) {
			JsonNode before = Http.json(this.admin.get("/api/stats"));
			first.send("counted");
			second.awaitLine("[" + a + "] counted");
			JsonNode after = Http.json(this.admin.get("/api/stats"));
			assertThat(after.propertyNames()).containsExactlyInAnyOrder("usersOnline", "connectionsOpen", "messagesIn",
					"messagesDelivered", "startedAt", "uptimeSeconds");
			assertThat(after.get("messagesIn").asLong()).isEqualTo(before.get("messagesIn").asLong() + 1);
			assertThat(after.get("messagesDelivered").asLong()).isEqualTo(before.get("messagesDelivered").asLong() + 1);
			assertThat(after.get("usersOnline").asInt()).isEqualTo(2);
			assertThat(after.get("connectionsOpen").asInt()).isEqualTo(2);
			assertThat(after.get("uptimeSeconds").asLong()).isNotNegative();
			Instant.parse(after.get("startedAt").asString());
		}
	}

	@Test
	void disconnectsAreListedNewestFirst() {
		String quitter = unique("quitter");
		String dropper = unique("dropper");
		try (TestClient watcher = login(unique("watcher"))) {
			TestClient q = login(quitter);
			q.send("/quit bye now");
			q.awaitClosed();
			watcher.awaitLine((line) -> line.contains(quitter + " left"));
			TestClient d = login(dropper);
			d.close();
			watcher.awaitLine((line) -> line.contains(dropper + " left"));
			JsonNode records = Http.json(this.admin.get("/api/disconnects"));
			assertThat(records.get(0).get("name").asString()).isEqualTo(dropper);
			assertThat(records.get(0).get("reason").asString()).isEqualTo("client");
			assertThat(records.get(1).get("name").asString()).isEqualTo(quitter);
			assertThat(records.get(1).get("reason").asString()).isEqualTo("quit");
			assertThat(records.get(1).get("detail").asString()).isEqualTo("bye now");
			assertThat(records.get(0).propertyNames()).contains("name", "remoteAddress", "connectedAt", "disconnectedAt",
					"reason", "detail");
		}
	}

	@Test
	void announcementsReachEverybodySanitized() {
		try (TestClient a = login(unique("hear")); TestClient b = login(unique("hear"))) {
			HttpResponse<String> response = this.admin.postJson("/api/announcements",
					"{\"text\": \"restart\\nat noon \\u001b[5m ✓\"}");
			assertThat(response.statusCode()).isEqualTo(202);
			a.awaitLine("[SERVER] restart at noon [5m ✓");
			b.awaitLine("[SERVER] restart at noon [5m ✓");
		}
	}

	@Test
	void badAnnouncementsAreProblems() {
		for (String body : List.of("{\"text\": \"   \"}", "{}", "{\"text\": ", "not json", "{\"text\": 42}",
				"{\"text\": true}", "{\"text\": [\"a\"]}", "{\"text\": \"\\u001b\\u202e\\u200b \"}",
				"{\"text\": \"" + "x".repeat(4097) + "\"}", "{\"text\": \" \\u00a0\\u2007 \"}", "{\"text\": \"\\u3164\\u2800\"}",
				"{\"text\": \"hi\", \"text\": \"other\"}")) {
			HttpResponse<String> response = this.admin.postJson("/api/announcements", body);
			assertThat(response.statusCode()).as(body).isEqualTo(400);
			assertProblem(response, 400);
		}
	}

	@Test
	void aKickReasonOver200CharactersIsAProblemAndKicksNobody() {
		String name = unique("keep");
		try (TestClient user = login(name)) {
			HttpResponse<String> response = this.admin.delete("/api/users/" + name + "?reason=" + "r".repeat(201));
			assertProblem(response, 400);
			assertThat(this.admin.get("/api/users/" + name).statusCode()).isEqualTo(200);
			assertThat(this.admin.delete("/api/users/" + name + "?reason=" + "r".repeat(200)).statusCode()).isEqualTo(204);
			user.awaitLine("[SERVER] you were disconnected by an administrator: " + "r".repeat(200));
		}
	}

	@Test
	void twoHundredAuthenticatedCallsCostLittleCpu() {
		Http right = this.admin;
		OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		right.get("/api/stats"); // warm-up
		long before = os.getProcessCpuTime();
		for (int i = 0; i < 200; i++) {
			assertThat(right.get("/api/stats").statusCode()).isEqualTo(200);
		}
		Duration cpu = Duration.ofNanos(os.getProcessCpuTime() - before);
		System.out.println("CPU of 200 authenticated /api/stats calls (client and server): " + cpu.toMillis() + " ms");
		// with bcrypt each call cost about 70 ms of CPU: 14 s for 200; the process's CPU also holds the JIT
		// and whatever other test contexts cached in this JVM do meanwhile (about 3 s seen on a loaded machine)
		assertThat(cpu).isLessThan(Duration.ofSeconds(6));
	}

	@Test
	void kicksAndAnnouncementsAreAudited(CapturedOutput output) {
		String name = unique("audited");
		try (TestClient user = login(name)) {
			assertThat(this.admin.delete("/api/users/" + name + "?reason=too%20loud").statusCode()).isEqualTo(204);
			assertThat(this.admin.postJson("/api/announcements", "{\"text\":\"audit me\"}").statusCode()).isEqualTo(202);
		}
		JsonNode trail = Http.json(this.admin.get("/api/audit"));
		JsonNode announce = trail.get(0);
		assertThat(announce.get("action").asString()).isEqualTo("announce");
		assertThat(announce.get("detail").asString()).isEqualTo("audit me");
		assertThat(announce.get("username").asString()).isEqualTo("boss");
		JsonNode kick = trail.get(1);
		assertThat(kick.get("action").asString()).isEqualTo("kick");
		assertThat(kick.get("target").asString()).isEqualTo(name);
		assertThat(kick.get("detail").asString()).isEqualTo("too loud");
		assertThat(kick.get("remoteAddress").asString()).isEqualTo("127.0.0.1");
		assertThat(kick.propertyNames()).contains("at", "username", "remoteAddress", "action", "target", "detail");
		assertThat(output.getAll()).contains("chat.audit").contains("kick by boss from 127.0.0.1 target=" + name);
		assertThat(this.anonymous.get("/api/audit").statusCode()).isEqualTo(401);
	}

	@Test
	void anAuditedKickNamesTheUserAsKnownAndCannotForgeALogLine(CapturedOutput output) {
		String name = unique("forger");
		try (TestClient user = login(name); TestClient other = login(unique("witness"))) {
			// typed in capitals, with a newline, a forged audit line and an escape sequence in the reason
			String reason = "x%0A2026%20INFO%20chat.audit%20:%20unban%20by%20root%20target=FORGED%1B%5B31m";
			assertThat(this.admin.delete("/api/users/" + name.toUpperCase() + "?reason=" + reason).statusCode())
				.isEqualTo(204);
			user.awaitLine("[SERVER] you were disconnected by an administrator: x2026 INFO chat.audit : unban by root target=FORGED[31m");
		}
		JsonNode kick = Http.json(this.admin.get("/api/audit")).get(0);
		assertThat(kick.get("target").asString()).isEqualTo(name);
		assertThat(output.getAll().lines().filter((line) -> line.contains("target=FORGED"))).singleElement()
			.satisfies((line) -> assertThat(line).contains("kick by boss"));
		assertThat(output.getAll()).doesNotContain("\u001b");
	}

	@Test
	void aKickReasonOfInvisibleCharactersIsNoReason() {
		String name = unique("ghostly");
		try (TestClient user = login(name); TestClient other = login(unique("onlooker"))) {
			assertThat(this.admin.delete("/api/users/" + name + "?reason=%E2%80%AE%E2%80%8B%01%C2%A0").statusCode())
				.isEqualTo(204);
			user.awaitLine("[SERVER] you were disconnected by an administrator");
			other.awaitLine("[SERVER] " + name + " left the chat (kicked)");
		}
	}

	@Test
	void withoutValidCredentialsNothingHappens() {
		String name = unique("safe");
		try (TestClient user = login(name)) {
			Http wrong = this.anonymous.as("boss", "wrong");
			for (Http caller : List.of(this.anonymous, wrong)) {
				for (HttpResponse<String> response : List.of(caller.get("/api/users"), caller.get("/api/stats"),
						caller.delete("/api/users/" + name), caller.postJson("/api/announcements", "{\"text\":\"hacked\"}"),
						caller.get("/api/disconnects"))) {
					assertThat(response.statusCode()).isEqualTo(401);
					assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying((value) -> assertThat(value).startsWith("Basic"));
				}
			}
			assertThat(this.admin.get("/api/users/" + name).statusCode()).isEqualTo(200);
			user.send("/who");
			assertThat(user.readLine()).startsWith("[SERVER] online ("); // no announcement came before it
		}
	}

	@Test
	void theApiIsDescribedByOpenApiBehindTheAdminLogin() {
		for (String path : List.of("/v3/api-docs", "/v3/api-docs/swagger-config", "/v3/api-docs.yaml", "/swagger-ui.html",
				"/swagger-ui/index.html")) {
			HttpResponse<String> refused = this.anonymous.get(path);
			assertThat(refused.statusCode()).as(path).isEqualTo(401);
			assertThat(refused.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying((value) -> assertThat(value).startsWith("Basic"));
			assertProblem(refused, 401);
		}
		assertThat(this.admin.get("/swagger-ui.html").statusCode()).as("a redirect to the UI").isEqualTo(302);
		JsonNode docs = Http.json(this.admin.get("/v3/api-docs"));
		assertThat(docs.get("paths").propertyNames()).contains("/api/users", "/api/users/{name}", "/api/stats",
				"/api/disconnects", "/api/announcements");
		assertThat(docs.get("components").get("securitySchemes").get("basicAuth").get("scheme").asString()).isEqualTo("basic");
		assertThat(docs.get("paths").get("/api/users/{name}").get("delete").get("responses").propertyNames()).contains("204", "404", "401");
		assertThat(this.admin.get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
	}

	private static JsonNode find(JsonNode users, String name) {
		for (JsonNode user : users) {
			if (user.get("name").asString().equals(name)) {
				return user;
			}
		}
		throw new AssertionError("no user " + name + " in " + users);
	}

	private static void assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = Http.json(response);
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("title").asString()).isNotBlank();
	}

}
