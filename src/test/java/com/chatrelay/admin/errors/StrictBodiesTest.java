package com.chatrelay.admin.errors;

import java.net.http.HttpResponse;

import com.chatrelay.support.ConsoleSession;
import com.chatrelay.support.Http;
import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request body is what the operation expects, or a 400 problem that names what is wrong: an
 * unknown field (a typo must not silently do nothing), a field given twice, a field of the wrong
 * type, an announcement over the line-length limit counted in bytes of UTF-8.
 */
@TestPropertySource(properties = { "chat.admin.username=boss", "chat.admin.password=bodies-secret" })
class StrictBodiesTest extends RelayTestBase {

	@LocalServerPort
	private int port;

	private Http admin;

	@BeforeEach
	void admin() {
		this.admin = Http.to(this.port).as("boss", "bodies-secret");
	}

	@Test
	void anUnknownFieldIsA400ProblemNamingItAndNothingHappens() {
		try (TestClient user = login("listener")) {
			assertDetail(this.admin.postJson("/api/announcements", "{\"text\":\"x\",\"extra\":1}"),
					"unknown field \"extra\" (the fields are: room, text)");
			assertDetail(this.admin.postJson("/api/bans", "{\"name\":\"listener\",\"reasn\":\"typo\"}"),
					"unknown field \"reasn\" (the fields are: address, duration, name, reason)");
			assertThat(Http.json(this.admin.get("/api/bans"))).as("nobody was banned").isEmpty();
			user.send("/who");
			assertThat(user.readLine()).as("no announcement came first").startsWith("[SERVER] online (");
		}
	}

	@Test
	void theConsolesCallsAreJustAsStrict() {
		ConsoleSession console = new ConsoleSession(this.port).logIn("boss", "bodies-secret");
		assertDetail(console.postJson("/admin/api/announcements", "{\"text\":\"x\",\"extra\":1}", true),
				"unknown field \"extra\" (the fields are: room, text)");
		assertDetail(console.postJson("/admin/api/bans", "{\"address\":\"203.0.113.9\",\"address\":\"203.0.113.10\"}", true),
				"duplicate field \"address\"");
	}

	@Test
	void aDuplicateOrMistypedFieldIsNamed() {
		assertDetail(this.admin.postJson("/api/announcements", "{\"text\":\"hi\",\"text\":\"other\"}"),
				"duplicate field \"text\"");
		assertDetail(this.admin.postJson("/api/announcements", "{\"text\":42}"), "field \"text\" must be a JSON string");
		assertDetail(this.admin.postJson("/api/announcements", "{}"), "\"text\" must not be blank");
		assertThat(problem(this.admin.postJson("/api/announcements", "{\"text\": ")).get("detail").asString())
			.startsWith("malformed JSON at line 1, column 10");
	}

	@Test
	void anAnnouncementIsLimitedToTheLineLengthInBytesOfUtf8AndTheProblemSaysSo() {
		try (TestClient user = login("reader")) {
			// 2,500 "é" are 2,500 characters but 5,000 bytes
			JsonNode refused = problem(this.admin.postJson("/api/announcements", "{\"text\":\"" + "é".repeat(2500) + "\"}"));
			assertThat(refused.get("detail").asString()).startsWith("text is 5000 bytes of UTF-8, over the limit of 4096 bytes")
				.contains("chat.tcp.max-line-length").contains("é takes 2 bytes");
			// 2,048 of them are exactly 4,096 bytes: the limit itself passes
			String most = "é".repeat(2048);
			assertThat(this.admin.postJson("/api/announcements", "{\"text\":\"" + most + "\"}").statusCode()).isEqualTo(202);
			user.awaitLine("[SERVER] " + most);
		}
	}

	private static JsonNode problem(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		return Http.json(response);
	}

	private static void assertDetail(HttpResponse<String> response, String detail) {
		assertThat(problem(response).get("detail").asString()).isEqualTo(detail);
	}

}
