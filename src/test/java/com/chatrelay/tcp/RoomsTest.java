package com.chatrelay.tcp;

import java.util.ArrayList;
import java.util.List;

import com.chatrelay.support.Http;
import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rooms over real sockets (SPEC §9): the bots' one-liners, the two forms of a line, delivery once,
 * the listings, parting, the limits, the notices of a disconnect and a rename, and room names
 * compared like user names. Small limits, so that a test reaches them.
 */
@TestPropertySource(properties = { "chat.rooms.max-per-user=4", "chat.rooms.max-rooms=6" })
class RoomsTest extends RelayTestBase {

	@LocalManagementPort
	private int managementPort;

	private int markers;

	/** Asserts that {@code reader} got nothing more so far: a private marker is the next line it reads. */
	private void nothingElse(TestClient probe, TestClient reader) {
		String marker = "marker-" + (++this.markers);
		probe.send("/msg " + reader.name() + " " + marker);
		reader.expectLine("[" + probe.name() + " -> you] " + marker);
	}

	/** Joins a room that already has {@code members} members, reading up to the confirmation (past join notices). */
	private static void join(TestClient user, String room, int members) {
		user.send("/join " + room);
		user.awaitLine("[SERVER] you joined " + room + " (" + (members + 1) + " members)");
	}

	@Test
	void aBotsJoinThenLineReachesEveryMemberOfTheRoomInOrderAndNobodyElse() {
		try (TestClient alice = login("alice"); TestClient carol = login("carol"); TestClient bob = login("bob")) {
			alice.awaitLine("[SERVER] bob joined the chat");
			carol.awaitLine("[SERVER] bob joined the chat");
			join(alice, "#ci", 0);
			join(carol, "#ci", 1);
			alice.expectLine("[SERVER] carol joined #ci");
			carol.send("/join #lobby"); // carol reads #ci in its second form
			carol.expectLine("[SERVER] #lobby is now your active room");
			try (TestClient bot = connect()) {
				bot.sendRaw("ci-bot\n/join #ci\nbuild 42 is green\nbuild 43 is red\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
				bot.shutdownOutput();
				assertThat(bot.readUntilClosed()).containsExactly("Enter your name:",
						"[SERVER] welcome, ci-bot! 4 online. Type /help for commands.", "[SERVER] you joined #ci (3 members)");
			}
			for (String line : List.of("[SERVER] ci-bot joined the chat", "[SERVER] ci-bot joined #ci",
					"[ci-bot] build 42 is green", "[ci-bot] build 43 is red", "[SERVER] ci-bot left the chat")) {
				alice.expectLine(line);
			}
			for (String line : List.of("[SERVER] ci-bot joined the chat", "[SERVER] ci-bot joined #ci",
					"#ci [ci-bot] build 42 is green", "#ci [ci-bot] build 43 is red", "[SERVER] ci-bot left the chat")) {
				carol.expectLine(line);
			}
			bob.expectLine("[SERVER] ci-bot joined the chat");
			bob.expectLine("[SERVER] ci-bot left the chat"); // nothing of #ci in between
			nothingElse(alice, bob);
		}
	}

	@Test
	void aBotsMsgToTheRoomReachesItsMembersAndNobodyElse() {
		try (TestClient alice = login("alice"); TestClient bob = login("bob")) {
			alice.awaitLine("[SERVER] bob joined the chat");
			join(alice, "#ci", 0);
			try (TestClient bot = connect()) {
				bot.sendRaw("ci-bot\n/join #ci\n/msg #ci build 42\n/msg #ci build 43\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
				bot.shutdownOutput();
				assertThat(bot.readUntilClosed()).contains("[SERVER] you joined #ci (2 members)");
			}
			alice.expectLine("[SERVER] ci-bot joined the chat");
			alice.expectLine("[SERVER] ci-bot joined #ci");
			alice.expectLine("[ci-bot] build 42");
			alice.expectLine("[ci-bot] build 43");
			alice.expectLine("[SERVER] ci-bot left the chat");
			bob.expectLine("[SERVER] ci-bot joined the chat");
			bob.expectLine("[SERVER] ci-bot left the chat");
			nothingElse(alice, bob);
		}
	}

	@Test
	void aReaderInSeveralRoomsReadsTheRoomBeforeEveryLineNotFromItsActiveRoom() {
		try (TestClient alice = login("alice"); TestClient bob = login("bob"); TestClient carol = login("carol");
				TestClient dave = login("dave")) {
			alice.awaitLine("[SERVER] dave joined the chat");
			join(alice, "#ops", 0);
			join(alice, "#dev", 0); // active: #dev
			join(bob, "#ops", 1);
			join(carol, "#dev", 1);
			alice.expectLine("[SERVER] bob joined #ops");
			alice.expectLine("[SERVER] carol joined #dev");
			bob.send("deploy done");
			bob.send("/me waves");
			alice.expectLine("#ops [bob] deploy done");
			alice.expectLine("#ops * bob waves");
			carol.send("hi");
			alice.expectLine("[carol] hi");
			bob.send("/msg #dev sneaky");
			bob.expectLine("[SERVER] error: you are not in #dev");
			dave.send("hello"); // the lobby, dave's only room
			alice.expectLine("#lobby [dave] hello");
			nothingElse(dave, alice);
		}
	}

	@Test
	void aLineReachesAMemberOnceHoweverOftenTheyJoined() {
		try (TestClient alice = login("alice"); TestClient bob = login("bob")) {
			alice.awaitLine("[SERVER] bob joined the chat");
			join(alice, "#once", 0);
			alice.send("/join #once");
			alice.expectLine("[SERVER] #once is now your active room");
			alice.send("/join #ONCE");
			alice.expectLine("[SERVER] #once is now your active room");
			join(bob, "#once", 1);
			alice.expectLine("[SERVER] bob joined #once");
			bob.send("one line");
			alice.expectLine("[bob] one line");
			nothingElse(bob, alice);
		}
	}

	@Test
	void roomsAndWhoOfARoomListMembersSortedIgnoringCase() {
		try (TestClient zed = login("zed"); TestClient amy = login("Amy"); TestClient mo = login("mo")) {
			join(zed, "#ops", 0);
			join(amy, "#ops", 1);
			join(mo, "#Dev", 0);
			mo.send("/rooms");
			mo.expectLine("[SERVER] rooms (3): #Dev (1), #lobby (3), #ops (2)");
			mo.send("/who #OPS");
			mo.expectLine("[SERVER] #ops (2): Amy, zed");
			mo.send("/who #nope");
			mo.expectLine("[SERVER] error: no such room #nope");
			mo.send("/who #");
			mo.expectLine("[SERVER] error: invalid room name");
			mo.send("/who");
			mo.expectLine("[SERVER] online (3): Amy, mo, zed");
			mo.send("/help");
			List<String> help = new ArrayList<>();
			for (int i = 0; i < 13; i++) {
				help.add(mo.readLine());
			}
			assertThat(help).contains("[SERVER]   /join #room           join a room (created if new) and make it active",
					"[SERVER]   /msg #room <text>     say something in a room without making it active");
			nothingElse(zed, mo);
		}
	}

	@Test
	void partingTheActiveRoomActivatesTheLastJoinedAndWithNoneLeftALineIsAnError() {
		try (TestClient alice = login("alice"); TestClient bob = login("bob")) {
			alice.awaitLine("[SERVER] bob joined the chat");
			join(alice, "#ops", 0);
			join(bob, "#ops", 1);
			alice.expectLine("[SERVER] bob joined #ops");
			alice.send("/part");
			alice.expectLine("[SERVER] you left #ops");
			bob.expectLine("[SERVER] alice left #ops");
			alice.send("back in the lobby");
			bob.expectLine("#lobby [alice] back in the lobby");
			alice.send("/part #ops");
			alice.expectLine("[SERVER] error: you are not in #ops");
			alice.send("/part #lobby bye now");
			alice.expectLine("[SERVER] you left #lobby");
			bob.expectLine("[SERVER] alice left #lobby (bye now)");
			alice.send("anyone?");
			alice.expectLine("[SERVER] error: you are in no room; /join #room first");
			alice.send("/me waits");
			alice.expectLine("[SERVER] error: you are in no room; /join #room first");
			alice.send("/part");
			alice.expectLine("[SERVER] error: you are in no room; /join #room first");
			bob.send("/msg alice still private");
			alice.expectLine("[bob -> you] still private");
			nothingElse(alice, bob);
		}
	}

	@Test
	void aUserPastMaxPerUserAndARoomPastMaxRoomsAreRefused() {
		double perUserBefore = refusedJoins("max_per_user");
		double roomsBefore = refusedJoins("max_rooms");
		try (TestClient alice = login("alice"); TestClient bob = login("bob"); TestClient carol = login("carol")) {
			join(alice, "#a", 0);
			join(alice, "#b", 0);
			join(alice, "#c", 0); // lobby, #a, #b, #c: 4
			alice.send("/join #d");
			alice.expectLine("[SERVER] error: you are in too many rooms (max 4)");
			join(bob, "#d", 0);
			join(bob, "#e", 0); // lobby, #a to #e: 6 rooms
			carol.send("/join #f");
			carol.expectLine("[SERVER] error: too many rooms on this server");
			join(carol, "#a", 1); // an existing room is no new one
			alice.send("/part #b");
			alice.awaitLine("[SERVER] you left #b"); // past carol's join of #a // #b is gone: room for one more
			join(carol, "#f", 0);
		}
		assertThat(refusedJoins("max_per_user") - perUserBefore).as("max_per_user refusals counted").isEqualTo(1);
		assertThat(refusedJoins("max_rooms") - roomsBefore).as("max_rooms refusals counted").isEqualTo(1);
	}

	@Test
	void aDisconnectIsAnnouncedOnceToAUserSharingSeveralRoomsAndNotToOthers() {
		try (TestClient alice = login("alice"); TestClient bob = login("bob"); TestClient loner = login("loner")) {
			join(alice, "#ops", 0);
			join(alice, "#dev", 0);
			join(bob, "#ops", 1);
			join(bob, "#dev", 1);
			alice.expectLine("[SERVER] bob joined #ops");
			alice.expectLine("[SERVER] bob joined #dev");
			loner.send("/part");
			loner.expectLine("[SERVER] you left #lobby");
			alice.expectLine("[SERVER] loner left #lobby");
			join(loner, "#solo", 0);
			bob.send("/quit gone fishing");
			alice.expectLine("[SERVER] bob left the chat (gone fishing)");
			nothingElse(loner, alice);
			nothingElse(alice, loner);
		}
	}

	@Test
	void aRenameReachesTheUserAndEverybodySharingARoomWithThem() {
		try (TestClient alice = login("alice"); TestClient bob = login("bob"); TestClient erin = login("erin");
				TestClient loner = login("loner")) {
			join(alice, "#ops", 0);
			join(erin, "#ops", 1);
			erin.send("/part #lobby");
			erin.expectLine("[SERVER] you left #lobby");
			loner.send("/part #lobby");
			loner.awaitLine("[SERVER] you left #lobby"); // past erin's part
			bob.awaitLine("[SERVER] loner left #lobby");
			alice.awaitLine("[SERVER] loner left #lobby");
			alice.send("/nick alicia");
			alice.expectLine("[SERVER] alice is now known as alicia");
			bob.expectLine("[SERVER] alice is now known as alicia"); // the lobby
			erin.expectLine("[SERVER] alice is now known as alicia"); // #ops only
			nothingElse(bob, loner); // shares no room
		}
	}

	@Test
	void roomNamesAreComparedLikeUserNamesAndBadOnesRefused() {
		try (TestClient alice = login("alice"); TestClient bob = login("bob")) {
			join(alice, "#ops", 0);
			bob.send("/join #OPS");
			bob.expectLine("[SERVER] you joined #ops (2 members)");
			bob.send("/join #\u043Eps"); // a Cyrillic o: the same room
			bob.expectLine("[SERVER] #ops is now your active room");
			bob.send("/join #\uFF4Fps"); // a full-width o
			bob.expectLine("[SERVER] #ops is now your active room");
			for (String bad : List.of("/join #", "/join ops", "/join #a b", "/join #a\u202Eb", "/join #a\u0007b",
					"/join #" + "x".repeat(33), "/join #--", "/msg #bad! hi", "/part #")) {
				bob.send(bad);
				bob.expectLine("[SERVER] error: invalid room name");
			}
			bob.send("/join");
			bob.expectLine("[SERVER] error: usage: /join #room");
			bob.send("/rooms");
			bob.expectLine("[SERVER] rooms (2): #lobby (2), #ops (2)");
		}
	}

	@Test
	void aJoinAndPartStormIsHeldToTheSendRate() {
		// from an address of its own: the budget it drains is what this address's next sessions start from
		try (TestClient watcher = login("watcher"); TestClient probe = login("probe");
				TestClient storm = TestClient.loginFrom("127.0.0.9", chatPort(), "storm")) {
			watcher.awaitLine("[SERVER] storm joined the chat");
			join(watcher, "#calm", 0);
			StringBuilder lines = new StringBuilder();
			for (int i = 0; i < 200; i++) {
				lines.append("/join #calm\n/part #calm\n");
			}
			long start = System.nanoTime();
			storm.sendRaw(lines.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
			storm.awaitLine("[SERVER] error: slow down");
			while (storm.readLine(java.time.Duration.ofMillis(500)) != null) {
				// every line the storm sent is handled or dropped once its replies stop
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			probe.send("/msg watcher done");
			int notices = 0;
			String line;
			while (!(line = watcher.readLine()).equals("[probe -> you] done")) {
				assertThat(line).matches("\\[SERVER\\] storm (joined|left) #calm");
				notices++;
			}
			// 400 lines sent at once; burst 40 and 20 a second get through, with slack for a slow machine
			assertThat(notices).isBetween(2, 40 + (int) Math.ceil(20 * seconds) + 2);
		}
	}

	@Test
	void theRoomsGaugeCountsRoomsWithMembersHere() {
		try (TestClient alice = login("alice"); TestClient bob = login("bob")) {
			join(alice, "#a", 0);
			join(bob, "#a", 1);
			join(bob, "#b", 0);
			await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() -> assertThat(roomsGauge()).isEqualTo(3));
			bob.send("/part #b");
			bob.awaitLine("[SERVER] you left #b");
			await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() -> assertThat(roomsGauge()).isEqualTo(2));
		}
		// the default room has no member here now: it exists, but is not counted
		await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() -> assertThat(roomsGauge()).isEqualTo(0));
	}

	private double refusedJoins(String limit) {
		return scraped("chat_rooms_joins_refused_total\\{limit=\"" + limit + "\"\\}");
	}

	private double roomsGauge() {
		return scraped("chat_rooms(?:\\{\\})?");
	}

	private double scraped(String series) {
		String scrape = Http.to(this.managementPort).get("/actuator/prometheus").body();
		java.util.regex.Matcher gauge = java.util.regex.Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(scrape);
		assertThat(gauge.find()).as(series + " in the scrape").isTrue();
		return Double.parseDouble(gauge.group(1));
	}

}
