package com.chatrelay.admin.console;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.chatrelay.admin.security.ConsoleSecurityConfiguration;
import com.chatrelay.support.ConsoleSession;
import com.chatrelay.support.Http;
import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The console over plain HTTP: its login, its session and CSRF rules, its CSP, and its paged poll. */
@TestPropertySource(properties = { "chat.admin.username=operator", "chat.admin.password=console-secret" })
class ConsoleHttpTest extends RelayTestBase {

	/** An inline script, an inline style or an inline event handler: what a strict CSP blocks. */
	private static final Pattern INLINE = Pattern.compile("<script(?![^>]*\\bsrc=)|<style|\\sstyle=|\\son[a-z]+=",
			Pattern.CASE_INSENSITIVE);

	@LocalServerPort
	private int httpPort;

	@Test
	void theConsoleIsBehindItsLoginFormAndTakesNoBasicAuth() {
		Http anonymous = Http.to(this.httpPort);
		HttpResponse<String> page = anonymous.get("/admin");
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/admin/login");
		HttpResponse<String> poll = anonymous.get("/admin/api/overview");
		assertThat(poll.statusCode()).as("the page's own calls get a status it can act on").isEqualTo(401);
		assertThat(poll.headers().firstValue("WWW-Authenticate")).as("no Basic prompt in a browser").isEmpty();
		assertThat(anonymous.as("operator", "console-secret").get("/admin/api/overview").statusCode())
			.as("the console takes its session, not HTTP Basic").isEqualTo(401);
		assertThat(anonymous.as("operator", "console-secret").get("/api/stats").statusCode())
			.as("and the API stays HTTP Basic").isEqualTo(200);
		ConsoleSession session = new ConsoleSession(this.httpPort).logIn("operator", "console-secret");
		assertThat(session.get("/admin/api/overview").statusCode()).isEqualTo(200);
		assertThat(session.get("/api/stats").statusCode()).as("the API takes no console session").isEqualTo(401);
	}

	@Test
	void everyPageCarriesAStrictContentSecurityPolicyAndNothingInline() {
		ConsoleSession session = new ConsoleSession(this.httpPort);
		HttpResponse<String> login = session.get("/admin/login");
		ConsoleSession loggedIn = new ConsoleSession(this.httpPort).logIn("operator", "console-secret");
		HttpResponse<String> console = loggedIn.get("/admin");
		for (HttpResponse<String> page : List.of(login, console)) {
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
				.isEqualTo(ConsoleSecurityConfiguration.CONTENT_SECURITY_POLICY)
				.doesNotContain("unsafe-inline", "unsafe-eval", "*");
			assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
			assertThat(INLINE.matcher(page.body()).find()).as(page.body()).isFalse();
		}
		assertThat(loggedIn.loginCookie()).contains("HttpOnly").contains("SameSite=Lax");
		assertThat(loggedIn.get("/admin/assets/console.js").statusCode()).isEqualTo(200);
		assertThat(loggedIn.get("/admin/assets/console.css").statusCode()).isEqualTo(200);
	}

	@Test
	void aLoginFormLeftOpenPastItsSessionLeadsBackToTheForm() {
		// the form's token belonged to a session that ended (a restart, a timeout, a cleared cookie)
		HttpResponse<String> stale = new ConsoleSession(this.httpPort).submitLogin("operator", "console-secret",
				"token-of-a-session-gone", "text/html");
		assertThat(stale.statusCode()).isEqualTo(302);
		assertThat(stale.headers().firstValue("Location").orElseThrow()).endsWith("/admin/login?expired");
	}

	@Test
	void changesNeedTheSessionsCsrfToken() {
		ConsoleSession session = new ConsoleSession(this.httpPort).logIn("operator", "console-secret");
		try (TestClient alice = login("alice")) {
			assertThat(session.postJson("/admin/api/announcements", "{\"text\": \"forged\"}", false).statusCode())
				.isEqualTo(403);
			assertThat(session.postJson("/admin/api/announcements", "{\"text\": \"genuine\"}", true).statusCode())
				.isEqualTo(202);
			alice.expectLine("[SERVER] genuine");
		}
	}

	@Test
	void usersComeAPageAtATimeFilteredOnTheServer() {
		ConsoleSession session = new ConsoleSession(this.httpPort).logIn("operator", "console-secret");
		List<TestClient> users = new ArrayList<>();
		try {
			for (int i = 0; i < 30; i++) {
				users.add(login(String.format("pager-%02d", i)));
			}
			JsonNode page = overview(session, "?size=10&page=2");
			assertThat(page.get("total").asInt()).isEqualTo(30);
			assertThat(page.get("matching").asInt()).isEqualTo(30);
			assertThat(names(page)).containsExactly("pager-20", "pager-21", "pager-22", "pager-23", "pager-24", "pager-25",
					"pager-26", "pager-27", "pager-28", "pager-29");
			JsonNode filtered = overview(session, "?size=5&filter=PAGER-1");
			assertThat(filtered.get("matching").asInt()).isEqualTo(10);
			assertThat(names(filtered)).containsExactly("pager-10", "pager-11", "pager-12", "pager-13", "pager-14");
			assertThat(overview(session, "?filter=127.0.0.1").get("matching").asInt()).as("by address").isEqualTo(30);
			assertThat(overview(session, "?page=9").get("rows")).isEmpty();
			for (String bad : List.of("?size=0", "?size=201", "?page=-1", "?size=ten")) {
				HttpResponse<String> refused = session.get("/admin/api/overview" + bad);
				assertThat(refused.statusCode()).as(bad).isEqualTo(400);
				assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
			}
		}
		finally {
			users.forEach(TestClient::close);
		}
	}

	@Test
	void theOverviewCarriesRatesAndTheLatencyP99FromTheMeters() {
		ConsoleSession session = new ConsoleSession(this.httpPort).logIn("operator", "console-secret");
		try (TestClient alice = login("alice"); TestClient bob = login("bob")) {
			await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
				alice.send("hello bob");
				JsonNode rates = Http.json(session.get("/admin/api/overview")).get("rates");
				assertThat(rates.get("messagesInPerSecond").asDouble()).isPositive();
				assertThat(rates.get("deliveredPerSecond").asDouble()).isPositive();
				assertThat(rates.get("relayLatencyP99Seconds").asDouble()).isPositive().isLessThan(1.0);
			});
			JsonNode overview = Http.json(session.get("/admin/api/overview"));
			assertThat(overview.get("stats").get("usersOnline").asInt()).isEqualTo(2);
			assertThat(overview.get("clustered").asBoolean()).isFalse();
			assertThat(overview.get("users").get("rows").get(0).has("pendingBytes")).isTrue();
		}
	}

	private static JsonNode overview(ConsoleSession session, String query) {
		HttpResponse<String> response = session.get("/admin/api/overview" + query);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return Http.json(response).get("users");
	}

	private static List<String> names(JsonNode page) {
		List<String> names = new ArrayList<>();
		page.get("rows").forEach((row) -> names.add(row.get("name").asString()));
		return names;
	}

}
