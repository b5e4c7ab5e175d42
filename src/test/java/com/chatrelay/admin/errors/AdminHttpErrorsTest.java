package com.chatrelay.admin.errors;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.chatrelay.support.ConsoleSession;
import com.chatrelay.support.RelayTestBase;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error of the HTTP port is an RFC 9457 problem, wherever it is decided: Tomcat, the
 * firewall, Spring Security, Spring MVC, Boot's /error, the body limit; requests written by hand on
 * a socket so that they reach the server exactly as an attacker sends them.
 */
@TestPropertySource(properties = { "chat.admin.username=boss", "chat.admin.password=errors-secret",
		"chat.admin.max-request-body=16KB" })
class AdminHttpErrorsTest extends RelayTestBase {

	private static final String ADMIN = "Authorization: " + RawHttp.basic("boss", "errors-secret") + "\r\n";

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry registry;

	@Test
	void pathsTheFirewallRejectsAreProblemsWithOrWithoutCredentials() {
		double before = refused("firewall");
		for (String path : List.of("/api/users/../stats", "/api/users;x=1", "/api/users/%2e%2e/stats",
				"/admin/api/../api/stats")) {
			for (String credentials : List.of(ADMIN, "")) {
				RawHttp.Answer answer = RawHttp.get(this.port, path, credentials);
				JsonNode problem = assertProblem(answer, 400);
				assertThat(problem.get("detail").asString()).as(path).contains("rejected");
			}
		}
		assertThat(refused("firewall") - before).isEqualTo(8);
	}

	@Test
	void aPathOrHeaderTooLongForTomcatIsAProblemNotItsHtmlPage() {
		double before = refused("malformed");
		for (int length : List.of(10_000, 100_000)) {
			RawHttp.Answer answer = RawHttp.get(this.port, "/api/users/" + "a".repeat(length), ADMIN);
			assertThat(assertProblem(answer, 400).get("detail").asString()).contains("8 KB")
				.contains("server.max-http-request-header-size");
		}
		RawHttp.Answer header = RawHttp.get(this.port, "/api/stats", ADMIN + "X-Padding: " + "p".repeat(10_000) + "\r\n");
		assertProblem(header, 400);
		assertProblem(RawHttp.get(this.port, "/api/%zz", ADMIN), 400);
		assertThat(refused("malformed") - before).isEqualTo(4);
		// and a request of the normal size still works on the same port
		assertThat(RawHttp.get(this.port, "/api/stats", ADMIN).status()).isEqualTo(200);
	}

	@Test
	void unknownPathsATrailingSlashAWrongMethodOrMediaTypeAreProblems() {
		JsonNode slash = assertProblem(RawHttp.get(this.port, "/api/stats/", ADMIN), 404);
		assertThat(slash.get("detail").asString()).isEqualTo("nothing at /api/stats/ (the paths have no trailing slash)");
		assertProblem(RawHttp.get(this.port, "/api/no-such-thing", ADMIN), 404);
		assertProblem(RawHttp.get(this.port, "/api/no-such-thing", ADMIN + "Accept: text/html\r\n"), 404);
		assertProblem(RawHttp.send(this.port, "PUT", "/api/stats", ADMIN, new byte[0]), 405);
		assertProblem(RawHttp.send(this.port, "POST", "/api/announcements", ADMIN + "Content-Type: text/plain\r\n",
				"hello".getBytes(StandardCharsets.UTF_8)), 415);
	}

	@Test
	void aBodyOverTheLimitIsA413ProblemWhetherItsLengthIsSaidOrNot() {
		double before = refused("body_too_large");
		byte[] big = ("{\"text\": \"" + "x".repeat(20_000) + "\"}").getBytes(StandardCharsets.UTF_8);
		String json = ADMIN + "Content-Type: application/json\r\n";
		JsonNode sized = assertProblem(RawHttp.send(this.port, "POST", "/api/announcements", json, big), 413);
		assertThat(sized.get("detail").asString()).contains("16384 bytes").contains("chat.admin.max-request-body");
		assertProblem(RawHttp.postChunked(this.port, "/api/announcements", json, big), 413);
		assertThat(refused("body_too_large") - before).isEqualTo(2);
		// a chunked body within the limit is read as usual
		byte[] small = "{\"text\": \"chunked but small\"}".getBytes(StandardCharsets.UTF_8);
		assertThat(RawHttp.postChunked(this.port, "/api/announcements", json, small).status()).isEqualTo(202);
		// without credentials the body is never read: the login comes first
		assertThat(RawHttp.send(this.port, "POST", "/api/announcements", "Content-Type: application/json\r\n", big).status())
			.isEqualTo(401);
	}

	@Test
	void theLoginStaysA401WithABasicChallenge() {
		RawHttp.Answer answer = RawHttp.get(this.port, "/api/stats", "");
		assertProblem(answer, 401);
		assertThat(answer.header("WWW-Authenticate")).startsWith("Basic");
	}

	@Test
	void theConsolesCallsAnswerProblemsForAMissingSessionOrCsrfToken() {
		RawHttp.Answer anonymous = RawHttp.get(this.port, "/admin/api/overview", "");
		assertProblem(anonymous, 401);
		assertThat(anonymous.header("WWW-Authenticate")).as("no Basic prompt in the browser").isNull();
		ConsoleSession session = new ConsoleSession(this.port).logIn("boss", "errors-secret");
		String cookie = "Cookie: " + session.loginCookie().split(";")[0] + "\r\n";
		byte[] body = "{\"text\": \"forged\"}".getBytes(StandardCharsets.UTF_8);
		for (String token : List.of("", "X-CSRF-TOKEN: not-this-sessions-token\r\n")) {
			RawHttp.Answer refused = RawHttp.send(this.port, "POST", "/admin/api/announcements",
					cookie + token + "Content-Type: application/json\r\n", body);
			assertThat(assertProblem(refused, 403).get("detail").asString()).contains("CSRF token");
		}
		assertProblem(RawHttp.get(this.port, "/admin/api/no-such-thing", cookie), 404);
	}

	@Test
	void anExceptionNoHandlerAnswersIsA500ProblemThatTellsNothingInside() {
		for (String accept : List.of("", "Accept: text/html\r\n")) {
			JsonNode problem = assertProblem(RawHttp.get(this.port, "/api/test-failure", ADMIN + accept), 500);
			assertThat(problem.get("detail").asString()).doesNotContain("secret inside");
			assertThat(problem.get("instance").asString()).isEqualTo("/api/test-failure");
		}
	}

	private double refused(String reason) {
		return this.registry.get("chat.admin.requests.refused").tag("reason", reason).counter().count();
	}

	static JsonNode assertProblem(RawHttp.Answer answer, int status) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(status);
		assertThat(answer.header("Content-Type")).as(answer.body()).startsWith("application/problem+json");
		JsonNode problem = answer.json();
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("title").asString()).isNotBlank();
		return problem;
	}

	/** An operation that fails in a way nothing handles, as a bug would (a function: no scanned controller). */
	@TestConfiguration(proxyBeanMethods = false)
	static class FailingOperation {

		@Bean
		RouterFunction<ServerResponse> failing() {
			return RouterFunctions.route().GET("/api/test-failure", (request) -> {
				throw new IllegalStateException("secret inside");
			}).build();
		}

	}

}
