package com.chatrelay.admin.api;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.chatrelay.support.Http;
import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rooms of the admin API (SPEC §9) over real HTTP, with real chat users on real sockets: list,
 * look up, close (404, 409, 400), announce to one room, the users' rooms, the audit, and 401.
 */
@TestPropertySource(properties = { "chat.admin.username=boss", "chat.admin.password=rooms-secret" })
@ExtendWith(OutputCaptureExtension.class)
class RoomsApiTest extends RelayTestBase {

	@LocalServerPort
	private int httpPort;

	private Http admin;

	private Http anonymous;

	private int markers;

	@BeforeEach
	void clients() {
		this.anonymous = Http.to(this.httpPort);
		this.admin = this.anonymous.as("boss", "rooms-secret");
	}

	@Test
	void roomsAreListedSortedIgnoringCaseWithTheirMembers() {
		try (TestClient alice = login("alice"); TestClient bob = login("bob")) {
			join(alice, "#Zeta", 0);
			join(alice, "#alpha", 0);
			join(bob, "#ALPHA", 1, "#alpha");
			HttpResponse<String> response = this.admin.get("/api/rooms");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
			JsonNode rooms = Http.json(response);
			List<String> listed = new ArrayList<>();
			rooms.forEach((room) -> listed.add(room.get("name").asString() + "=" + room.get("members").asInt()));
			assertThat(listed).containsExactly("#alpha=2", "#lobby=2", "#Zeta=1");
			assertThat(rooms.get(0).propertyNames()).containsExactlyInAnyOrder("name", "members", "createdAt");
			assertThat(Instant.parse(rooms.get(0).get("createdAt").asString())).isBeforeOrEqualTo(Instant.now());
		}
	}

	@Test
	void oneRoomIsFoundLikeAUserNameWithItsUsersSorted() {
		try (TestClient zed = login("zed"); TestClient amy = login("Amy"); TestClient bob = login("bob")) {
			join(zed, "#ops", 0);
			join(amy, "#ops", 1);
			// in capitals, and with a Cyrillic о for the o: the same room, as for user names
			for (String path : List.of("/api/rooms/ops", "/api/rooms/OPS", "/api/rooms/%D0%BEps")) {
				HttpResponse<String> response = this.admin.get(path);
				assertThat(response.statusCode()).as(path).isEqualTo(200);
				JsonNode room = Http.json(response);
				assertThat(room.propertyNames()).containsExactlyInAnyOrder("name", "members", "createdAt", "users");
				assertThat(room.get("name").asString()).isEqualTo("#ops");
				assertThat(room.get("members").asInt()).isEqualTo(2);
				assertThat(names(room.get("users"))).containsExactly("Amy", "zed");
			}
			assertThat(names(Http.json(this.admin.get("/api/rooms/lobby")).get("users"))).containsExactly("Amy", "bob", "zed");
		}
	}

	@Test
	void roomsWithDotsLettersOfAnyScriptOrAnEncodedHashAreFoundAndClosed() {
		try (TestClient alice = login("alice")) {
			for (String room : List.of("#release.v2", "#café", "#x..", "#.net")) {
				join(alice, room, 0);
			}
			assertThat(Http.json(this.admin.get("/api/rooms/release.v2")).get("name").asString()).isEqualTo("#release.v2");
			assertThat(Http.json(this.admin.get("/api/rooms/caf%C3%A9")).get("name").asString()).isEqualTo("#café");
			assertThat(Http.json(this.admin.get("/api/rooms/%23CAF%C3%89")).get("name").asString()).isEqualTo("#café");
			for (String path : List.of("release.v2", "caf%C3%A9", "x..", ".net")) {
				assertThat(this.admin.delete("/api/rooms/" + path).statusCode()).as(path).isEqualTo(204);
			}
			assertThat(Http.json(this.admin.get("/api/users/alice")).get("rooms")).singleElement()
				.satisfies((room) -> assertThat(room.asString()).isEqualTo("#lobby"));
		}
	}

	@Test
	void anUnknownOrInvalidRoomIsA404Problem() {
		try (TestClient alice = login("alice")) {
			int audited = auditSize();
			for (String room : List.of("nowhere", "bad!name", "x".repeat(33), "---")) {
				assertProblem(this.admin.get("/api/rooms/" + room), 404);
				assertProblem(this.admin.delete("/api/rooms/" + room + "?reason=x"), 404);
			}
			assertThat(auditSize()).as("nothing was closed").isEqualTo(audited);
		}
	}

	@Test
	void closingARoomTellsEachMemberAndLeavesTheOthersAlone(CapturedOutput output) {
		try (TestClient alice = login("alice"); TestClient bob = login("bob"); TestClient carol = login("carol")) {
			join(alice, "#ops", 0);
			join(bob, "#ops", 1);
			bob.send("/join #lobby"); // bob reads #ops in its second form
			bob.expectLine("[SERVER] #lobby is now your active room");
			alice.awaitLine("[SERVER] bob joined #ops");
			HttpResponse<String> response = this.admin.delete("/api/rooms/OPS?reason=moving%20to%20%23deploy");
			assertThat(response.statusCode()).isEqualTo(204);
			alice.expectLine("[SERVER] #ops was closed by an administrator: moving to #deploy");
			bob.expectLine("[SERVER] #ops was closed by an administrator: moving to #deploy");
			nothingElse(alice, carol);
			assertProblem(this.admin.get("/api/rooms/ops"), 404);
			assertThat(Http.json(this.admin.get("/api/rooms")).findValuesAsString("name")).containsExactly("#lobby");
			JsonNode user = Http.json(this.admin.get("/api/users/alice"));
			assertThat(names(user.get("rooms"))).containsExactly("#lobby");
			assertThat(user.get("activeRoom").asString()).as("the room joined before").isEqualTo("#lobby");
			alice.send("back in the lobby");
			carol.expectLine("[alice] back in the lobby");
			JsonNode close = Http.json(this.admin.get("/api/audit")).get(0);
			assertThat(close.get("action").asString()).isEqualTo("close_room");
			assertThat(close.get("target").asString()).as("as created, not as typed").isEqualTo("#ops");
			assertThat(close.get("detail").asString()).isEqualTo("moving to #deploy");
			assertThat(close.get("username").asString()).isEqualTo("boss");
			assertThat(close.get("remoteAddress").asString()).isEqualTo("127.0.0.1");
			assertThat(output.getAll()).contains("close_room by boss from 127.0.0.1 target=#ops detail=moving to #deploy");
		}
	}

	@Test
	void aRoomClosedWithoutAReasonSaysSo() {
		try (TestClient alice = login("alice")) {
			join(alice, "#quiet", 0);
			assertThat(this.admin.delete("/api/rooms/quiet").statusCode()).isEqualTo(204);
			alice.expectLine("[SERVER] #quiet was closed by an administrator");
			assertThat(Http.json(this.admin.get("/api/audit")).get(0).get("detail").isNull()).isTrue();
		}
	}

	@Test
	void theDefaultRoomCannotBeClosed() {
		try (TestClient alice = login("alice"); TestClient bob = login("bob")) {
			int audited = auditSize();
			for (String room : List.of("lobby", "LOBBY")) {
				HttpResponse<String> response = this.admin.delete("/api/rooms/" + room + "?reason=no");
				assertProblem(response, 409);
				assertThat(Http.json(response).get("detail").asString()).contains("#lobby", "default room");
			}
			assertThat(Http.json(this.admin.get("/api/rooms/lobby")).get("members").asInt()).isEqualTo(2);
			alice.send("still here");
			bob.expectLine("[alice] still here"); // no close notice came first
			assertThat(auditSize()).isEqualTo(audited);
		}
	}

	@Test
	void aCloseReasonOver200CharactersIsAProblemAndClosesNothing() {
		try (TestClient alice = login("alice"); TestClient bob = login("bob")) {
			join(alice, "#ops", 0);
			assertProblem(this.admin.delete("/api/rooms/ops?reason=" + "r".repeat(201)), 400);
			assertThat(this.admin.get("/api/rooms/ops").statusCode()).isEqualTo(200);
			nothingElse(bob, alice);
			assertThat(this.admin.delete("/api/rooms/ops?reason=" + "r".repeat(200)).statusCode()).isEqualTo(204);
			alice.expectLine("[SERVER] #ops was closed by an administrator: " + "r".repeat(200));
		}
	}

	@Test
	void anAnnouncementToARoomReachesOnlyItsMembersInTheirForm() {
		try (TestClient alice = login("alice"); TestClient bob = login("bob"); TestClient carol = login("carol")) {
			join(alice, "#ops", 0);
			join(bob, "#ops", 1);
			bob.send("/join #lobby");
			bob.expectLine("[SERVER] #lobby is now your active room");
			alice.awaitLine("[SERVER] bob joined #ops");
			HttpResponse<String> response = this.admin.postJson("/api/announcements",
					"{\"text\": \"deploy\\nat five \\u001b[5m\", \"room\": \"#OPS\"}");
			assertThat(response.statusCode()).isEqualTo(202);
			alice.expectLine("[SERVER] deploy at five [5m");
			bob.expectLine("#ops [SERVER] deploy at five [5m");
			nothingElse(alice, carol);
			JsonNode announce = Http.json(this.admin.get("/api/audit")).get(0);
			assertThat(announce.get("action").asString()).isEqualTo("announce");
			assertThat(announce.get("target").asString()).isEqualTo("#ops");
			assertThat(announce.get("detail").asString()).isEqualTo("deploy at five [5m");
			// without a room: everybody, as before, and no target in the audit
			assertThat(this.admin.postJson("/api/announcements", "{\"text\": \"all\"}").statusCode()).isEqualTo(202);
			for (TestClient user : List.of(alice, bob, carol)) {
				user.expectLine("[SERVER] all");
			}
			assertThat(Http.json(this.admin.get("/api/audit")).get(0).get("target").isNull()).isTrue();
		}
	}

	@Test
	void anAnnouncementToAnUnknownRoomIsA404ProblemAndReachesNobody() {
		try (TestClient alice = login("alice"); TestClient bob = login("bob")) {
			int audited = auditSize();
			for (String room : List.of("#nowhere", "#bad!", "", "#")) {
				HttpResponse<String> response = this.admin.postJson("/api/announcements",
						"{\"text\": \"lost\", \"room\": \"" + room + "\"}");
				assertProblem(response, 404);
			}
			for (String body : List.of("{\"text\": \"x\", \"room\": 42}", "{\"text\": \"x\", \"room\": [\"#lobby\"]}",
					"{\"text\": \"x\", \"room\": \"#lobby\", \"room\": \"#ops\"}", "{\"text\": \" \", \"room\": \"#lobby\"}")) {
				assertProblem(this.admin.postJson("/api/announcements", body), 400);
			}
			nothingElse(alice, bob);
			assertThat(auditSize()).isEqualTo(audited);
		}
	}

	@Test
	void usersShowTheirRoomsSortedAndTheirActiveRoom() {
		try (TestClient alice = login("alice"); TestClient bob = login("bob")) {
			join(alice, "#zz", 0);
			join(alice, "#Ops", 0);
			join(alice, "#build", 0);
			alice.send("/join #zz");
			alice.expectLine("[SERVER] #zz is now your active room");
			JsonNode listed = Http.json(this.admin.get("/api/users"));
			JsonNode user = listed.get(0);
			assertThat(user.get("name").asString()).isEqualTo("alice");
			assertThat(user.propertyNames()).contains("rooms", "activeRoom");
			assertThat(names(user.get("rooms"))).containsExactly("#build", "#lobby", "#Ops", "#zz");
			assertThat(user.get("activeRoom").asString()).isEqualTo("#zz");
			assertThat(names(listed.get(1).get("rooms"))).containsExactly("#lobby");
			for (String room : List.of("#zz", "#Ops", "#build", "#lobby")) {
				alice.send("/part " + room);
				alice.awaitLine("[SERVER] you left " + room);
			}
			JsonNode alone = Http.json(this.admin.get("/api/users/ALICE"));
			assertThat(alone.get("rooms")).isEmpty();
			assertThat(alone.has("activeRoom")).as("null, not left out").isTrue();
			assertThat(alone.get("activeRoom").isNull()).isTrue();
		}
	}

	@Test
	void withoutValidCredentialsNoRoomIsShownOrChanged() {
		try (TestClient alice = login("alice"); TestClient bob = login("bob")) {
			join(alice, "#ops", 0);
			Http wrong = this.anonymous.as("boss", "wrong");
			for (Http caller : List.of(this.anonymous, wrong)) {
				for (HttpResponse<String> response : List.of(caller.get("/api/rooms"), caller.get("/api/rooms/ops"),
						caller.delete("/api/rooms/ops"), caller.postJson("/api/announcements", "{\"text\":\"hacked\",\"room\":\"#ops\"}"))) {
					assertProblem(response, 401);
					assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying((value) -> assertThat(value).startsWith("Basic"));
				}
			}
			assertThat(Http.json(this.admin.get("/api/rooms/ops")).get("members").asInt()).isEqualTo(1);
			nothingElse(bob, alice);
		}
	}

	@Test
	void theRoomCallsAreInTheOpenApiDescription() {
		JsonNode paths = Http.json(this.admin.get("/v3/api-docs")).get("paths");
		assertThat(paths.propertyNames()).contains("/api/rooms", "/api/rooms/{room}");
		assertThat(paths.get("/api/rooms/{room}").get("get").get("responses").propertyNames()).contains("200", "404", "401");
		assertThat(paths.get("/api/rooms/{room}").get("delete").get("responses").propertyNames())
			.contains("204", "400", "404", "409", "401");
		assertThat(paths.get("/api/announcements").get("post").get("responses").propertyNames()).contains("202", "400", "404");
		JsonNode schemas = Http.json(this.admin.get("/v3/api-docs")).get("components").get("schemas");
		assertThat(schemas.get("Announcement").get("properties").propertyNames()).containsExactlyInAnyOrder("text", "room");
		assertThat(schemas.get("UserView").get("properties").propertyNames()).contains("rooms", "activeRoom");
	}

	/** Joins a room that already has {@code members} members, reading up to the confirmation. */
	private static void join(TestClient user, String room, int members) {
		join(user, room, members, room);
	}

	private static void join(TestClient user, String typed, int members, String room) {
		user.send("/join " + typed);
		user.awaitLine("[SERVER] you joined " + room + " (" + (members + 1) + " members)");
	}

	/** Asserts that {@code reader} got nothing more so far: a private marker is the next line it reads. */
	private void nothingElse(TestClient probe, TestClient reader) {
		String marker = "marker-" + (++this.markers);
		probe.send("/msg " + reader.name() + " " + marker);
		reader.expectLine("[" + probe.name() + " -> you] " + marker);
	}

	private int auditSize() {
		return Http.json(this.admin.get("/api/audit")).size();
	}

	private static List<String> names(JsonNode array) {
		List<String> names = new ArrayList<>();
		array.forEach((node) -> names.add(node.asString()));
		return names;
	}

	private static void assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = Http.json(response);
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("title").asString()).isNotBlank();
	}

}
