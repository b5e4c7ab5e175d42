package com.chatrelay.chat;

import org.junit.jupiter.api.Test;

import static com.chatrelay.chat.RoomFixture.clear;
import static com.chatrelay.chat.RoomFixture.name;
import static com.chatrelay.chat.RoomFixture.out;
import static org.assertj.core.api.Assertions.assertThat;

/** The room commands as their users read them: the exact lines of SPEC §9. */
class RoomCommandsTest {

	private final RoomFixture fixture = new RoomFixture();

	private final Session alice = this.fixture.user("alice");

	private final Session bob = this.fixture.user("bob");

	private final Session carol = this.fixture.user("carol");

	private void type(Session session, String line) {
		this.fixture.type(session, line);
	}

	@Test
	void aBotsOneLinerReachesTheRoomAndNobodyOutsideIt() {
		type(this.bob, "/join #ci");
		clear(this.alice, this.bob, this.carol);
		Session bot = this.fixture.user("ci-bot");
		type(bot, "/join #ci");
		type(bot, "build 42 is green");
		type(bot, "/msg #ci build 43");
		assertThat(out(bot).lines()).containsExactly("[SERVER] you joined #ci (2 members)");
		assertThat(out(this.bob).lines()).containsExactly("[SERVER] ci-bot joined #ci", "[ci-bot] build 42 is green",
				"[ci-bot] build 43");
		assertThat(out(this.alice).lines()).isEmpty();
		assertThat(out(this.carol).lines()).isEmpty();
	}

	@Test
	void joiningAgainMakesTheRoomActive() {
		type(this.alice, "/join #Ops");
		type(this.alice, "/join #lobby");
		type(this.alice, "/join #OPS");
		assertThat(out(this.alice).lines()).endsWith("[SERVER] you joined #Ops (1 members)",
				"[SERVER] #lobby is now your active room", "[SERVER] #Ops is now your active room");
	}

	@Test
	void invalidNamesAndMissingArgumentsAreRefused() {
		for (String line : new String[] { "/join ops", "/join #a b", "/join #", "/part #bad!", "/who #a\u0007b",
				"/msg #! hi", "/join #\u200Bops" }) {
			clear(this.alice);
			type(this.alice, line);
			assertThat(out(this.alice).lines()).as(line).containsExactly("[SERVER] error: invalid room name");
		}
		type(this.alice, "/join");
		assertThat(out(this.alice).last()).isEqualTo("[SERVER] error: usage: /join #room");
		type(this.alice, "/msg #lobby   ");
		assertThat(out(this.alice).last()).isEqualTo("[SERVER] error: usage: /msg #room <text>");
	}

	@Test
	void partTellsTheLeaverAndTheMembersWithTheReason() {
		type(this.alice, "/join #ops");
		type(this.bob, "/join #ops");
		clear(this.alice, this.bob, this.carol);
		type(this.alice, "/part #OPS off to lunch");
		assertThat(out(this.alice).lines()).containsExactly("[SERVER] you left #ops");
		assertThat(out(this.bob).lines()).containsExactly("[SERVER] alice left #ops (off to lunch)");
		type(this.bob, "/part");
		assertThat(out(this.bob).last()).isEqualTo("[SERVER] you left #ops");
		assertThat(this.fixture.rooms.find(name("#ops"))).isNull();
		type(this.alice, "/part #ops");
		assertThat(out(this.alice).last()).isEqualTo("[SERVER] error: you are not in #ops");
		assertThat(out(this.carol).lines()).isEmpty();
	}

	@Test
	void aPartWithoutARoomLeavesTheActiveRoomAndTakesTheRestAsTheReason() {
		type(this.alice, "/join #ops");
		clear(this.bob);
		type(this.alice, "/part #lobby bye all");
		assertThat(out(this.bob).lines()).containsExactly("[SERVER] alice left #lobby (bye all)");
		type(this.alice, "/part gone home");
		assertThat(out(this.alice).last()).isEqualTo("[SERVER] you left #ops");
		type(this.alice, "hello?");
		assertThat(out(this.alice).last()).isEqualTo("[SERVER] error: you are in no room; /join #room first");
		type(this.alice, "/part");
		assertThat(out(this.alice).last()).isEqualTo("[SERVER] error: you are in no room; /join #room first");
	}

	@Test
	void aLineGoesToTheActiveRoomAndTheOtherRoomsOfTheReaderArePrefixed() {
		type(this.alice, "/join #ops");
		type(this.bob, "/join #ops");
		type(this.bob, "/join #lobby");
		clear(this.alice, this.bob, this.carol);
		type(this.alice, "deploy done");
		type(this.carol, "hi lobby");
		assertThat(out(this.bob).lines()).containsExactly("#ops [alice] deploy done", "[carol] hi lobby");
		assertThat(out(this.alice).lines()).containsExactly("#lobby [carol] hi lobby");
	}

	@Test
	void msgToARoomNeedsMembershipAndDoesNotChangeTheActiveRoom() {
		type(this.bob, "/join #ops");
		clear(this.bob);
		type(this.alice, "/msg #ops let me in");
		assertThat(out(this.alice).last()).isEqualTo("[SERVER] error: you are not in #ops");
		assertThat(out(this.bob).lines()).isEmpty();
		type(this.alice, "/join #ops");
		type(this.alice, "/join #lobby");
		clear(this.bob);
		type(this.alice, "/msg #OPS hi ops");
		assertThat(out(this.bob).lines()).containsExactly("[alice] hi ops");
		assertThat(this.fixture.rooms.active(this.alice)).isSameAs(this.fixture.rooms.defaultRoom());
	}

	@Test
	void roomsListsEveryRoomWithItsMembersSortedIgnoringCase() {
		type(this.alice, "/join #ops");
		type(this.bob, "/join #Dev");
		type(this.carol, "/join #ops");
		type(this.carol, "/rooms");
		assertThat(out(this.carol).last()).isEqualTo("[SERVER] rooms (3): #Dev (1), #lobby (3), #ops (2)");
	}

	@Test
	void whoListsARoomForAnyUserAndRefusesAnUnknownOne() {
		type(this.bob, "/join #ops");
		type(this.alice, "/join #ops");
		type(this.carol, "/who #OPS");
		assertThat(out(this.carol).last()).isEqualTo("[SERVER] #ops (2): alice, bob");
		type(this.carol, "/who #nowhere");
		assertThat(out(this.carol).last()).isEqualTo("[SERVER] error: no such room #nowhere");
		assertThat(this.fixture.commands.run(this.carol, "who", "", "")).as("plain /who is §1's").isFalse();
		assertThat(this.fixture.commands.run(this.carol, "msg", "bob hi", "bob hi")).as("private /msg is §1's").isFalse();
	}

	@Test
	void theLimitsHaveTheirOwnErrors() {
		RoomFixture small = new RoomFixture(new RoomSettings("lobby", 3, 2), 1000);
		Session dave = small.user("dave");
		Session erin = small.user("erin");
		small.type(dave, "/join #a");
		small.type(dave, "/join #b");
		assertThat(out(dave).last()).isEqualTo("[SERVER] error: you are in too many rooms (max 2)");
		small.type(erin, "/part #lobby");
		small.type(erin, "/join #c");
		small.type(erin, "/join #d");
		assertThat(out(erin).last()).isEqualTo("[SERVER] error: too many rooms on this server");
	}

	@Test
	void closingARoomTellsEveryMemberWhy() {
		type(this.alice, "/join #ops");
		type(this.bob, "/join #ops");
		clear(this.alice, this.bob, this.carol);
		assertThat(this.fixture.admin.close(name("#ops"), "  spam\u001b ")).isEqualTo(RoomCloseOutcome.CLOSED);
		assertThat(out(this.alice).lines()).containsExactly("[SERVER] #ops was closed by an administrator: spam");
		assertThat(out(this.bob).lines()).containsExactly("[SERVER] #ops was closed by an administrator: spam");
		assertThat(out(this.carol).lines()).isEmpty();
		type(this.alice, "back in the lobby");
		assertThat(out(this.carol).last()).isEqualTo("[alice] back in the lobby");
		assertThat(this.fixture.admin.close(name("#lobby"), "no")).isEqualTo(RoomCloseOutcome.DEFAULT_ROOM);
	}

	@Test
	void anAnnouncementInARoomIsPrefixedForThoseActiveElsewhere() {
		type(this.alice, "/join #ops");
		type(this.bob, "/join #ops");
		type(this.bob, "/join #lobby");
		clear(this.alice, this.bob, this.carol);
		assertThat(this.fixture.admin.announce(name("#ops"), "deploy at noon")).isTrue();
		assertThat(out(this.alice).lines()).containsExactly("[SERVER] deploy at noon");
		assertThat(out(this.bob).lines()).containsExactly("#ops [SERVER] deploy at noon");
		assertThat(out(this.carol).lines()).isEmpty();
		assertThat(this.fixture.admin.announce(name("#nowhere"), "x")).isFalse();
	}

	@Test
	void deliveriesToOthersAreCounted() {
		this.fixture.delivered.set(0);
		type(this.alice, "hello"); // bob and carol
		type(this.alice, "/rooms"); // a reply, not a delivery
		assertThat(this.fixture.delivered).hasValue(2);
	}

}
