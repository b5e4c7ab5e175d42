package com.chatrelay.admin.api;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.chatrelay.chat.Ban;
import com.chatrelay.chat.ChatServer;
import com.chatrelay.support.Http;
import com.chatrelay.support.RelayTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/bans} over real HTTP with many bans: the bare call still lists every active ban
 * (SPEC §2), and {@code q}, {@code offset} and {@code limit} page and search them, with
 * {@code X-Total-Count} and a {@code Link} to the next and previous pages. Shares BanApiTest's context.
 */
@TestPropertySource(properties = { "chat.admin.username=warden", "chat.admin.password=s3cret-for-ban-tests" })
class BanListingTest extends RelayTestBase {

	@LocalServerPort
	private int httpPort;

	@Autowired
	private ChatServer server;

	private Http admin;

	@BeforeEach
	void client() {
		this.admin = Http.to(this.httpPort).as("warden", "s3cret-for-ban-tests");
	}

	@AfterEach
	void liftBans() {
		for (Ban ban : this.server.bans().active()) {
			this.server.bans().unban(ban.id());
		}
	}

	@Test
	void theBareCallListsEveryBanAndTheParametersPageAndSearchThem() {
		// 250 addresses 198.51.100.1 ... and one block that holds 192.0.2.77
		for (int i = 1; i <= 250; i++) {
			ban("{\"address\": \"198.51.100." + i + "\", \"reason\": \"bulk " + i + "\"}");
		}
		ban("{\"address\": \"192.0.2.0/24\", \"reason\": \"range\"}");
		ban("{\"name\": \"Mallory\"}");

		HttpResponse<String> all = this.admin.get("/api/bans");
		assertThat(targets(all)).hasSize(252).startsWith("198.51.100.1", "198.51.100.2").endsWith("192.0.2.0/24", "Mallory");

		HttpResponse<String> third = this.admin.get("/api/bans?offset=200&limit=100");
		assertThat(targets(third)).hasSize(52).startsWith("198.51.100.201").endsWith("Mallory");
		assertThat(third.headers().firstValue(Paging.TOTAL_COUNT)).hasValue("252");
		assertThat(third.headers().firstValue("Link").orElseThrow()).doesNotContain("rel=\"next\"")
			.contains("offset=100&limit=100>; rel=\"prev\"");
		HttpResponse<String> first = this.admin.get("/api/bans?limit=100");
		assertThat(targets(first)).hasSize(100).endsWith("198.51.100.100");
		assertThat(first.headers().firstValue("Link").orElseThrow())
			.isEqualTo("<http://127.0.0.1:" + this.httpPort + "/api/bans?offset=100&limit=100>; rel=\"next\"");

		// part of an address, a block as text, a name ignoring case, an address a block holds
		HttpResponse<String> part = this.admin.get("/api/bans?q=198.51.100.23");
		assertThat(targets(part)).containsExactly("198.51.100.23", "198.51.100.230", "198.51.100.231", "198.51.100.232",
				"198.51.100.233", "198.51.100.234", "198.51.100.235", "198.51.100.236", "198.51.100.237", "198.51.100.238",
				"198.51.100.239");
		assertThat(part.headers().firstValue(Paging.TOTAL_COUNT)).hasValue("11");
		assertThat(targets(this.admin.get("/api/bans?q=/24"))).containsExactly("192.0.2.0/24");
		assertThat(targets(this.admin.get("/api/bans?q=mALLory"))).containsExactly("Mallory");
		assertThat(targets(this.admin.get("/api/bans?q=192.0.2.77"))).containsExactly("192.0.2.0/24");
		assertThat(targets(this.admin.get("/api/bans?q=198.51.100.23&offset=10&limit=5"))).containsExactly("198.51.100.239");
		assertThat(targets(this.admin.get("/api/bans?q=203.0.113.9"))).isEmpty();
		String id = Http.json(this.admin.get("/api/bans?q=198.51.100.230")).get(0).get("id").asString();
		assertThat(targets(this.admin.get("/api/bans?q=" + id))).containsExactly("198.51.100.230");
	}

	@Test
	void badPagingParametersAreProblems() {
		for (String bad : List.of("?offset=-1", "?limit=0", "?limit=ten", "?q=" + "x".repeat(101))) {
			HttpResponse<String> refused = this.admin.get("/api/bans" + bad);
			assertThat(refused.statusCode()).as(bad).isEqualTo(400);
			assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).as(bad).startsWith("application/problem+json");
		}
	}

	private void ban(String json) {
		assertThat(this.admin.postJson("/api/bans", json).statusCode()).as(json).isEqualTo(201);
	}

	private static List<String> targets(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		List<String> targets = new ArrayList<>();
		Http.json(response).forEach((ban) -> targets.add(target(ban)));
		return targets;
	}

	private static String target(JsonNode ban) {
		return ban.get("name").isNull() ? ban.get("address").asString() : ban.get("name").asString();
	}

}
