package com.chatrelay.tcp;

import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

/**
 * {@code /nick}: everybody hears of a rename while the room is small, only the renamed user from
 * {@code quiet-above} users on (like join and leave notices); one's own name is an error, another
 * spelling of it a rename.
 */
@TestPropertySource(properties = "chat.presence.quiet-above=3")
class RenameNoticesTest extends RelayTestBase {

	@Test
	void renamesAreAnnouncedBelowQuietAboveAndOnlyToTheUserFromIt() {
		try (TestClient alice = login("alice"); TestClient bob = login("bob")) {
			alice.awaitLine("[SERVER] bob joined the chat");
			alice.send("/nick alicia"); // 2 online
			alice.expectLine("[SERVER] alice is now known as alicia");
			bob.expectLine("[SERVER] alice is now known as alicia");

			try (TestClient carol = login("carol")) { // 3 online: quiet
				alice.send("/nick alys");
				alice.expectLine("[SERVER] alicia is now known as alys");
				alice.send("after the rename");
				// the notice would have come before the line: one sender's lines keep their order
				bob.expectLine("[alys] after the rename");
				carol.expectLine("[alys] after the rename");
				bob.send("/msg alys still found");
				alice.expectLine("[bob -> you] still found");
			}
		}
	}

	@Test
	void ownNameIsAnErrorAndAnotherSpellingOfItARename() {
		try (TestClient alice = login("alice"); TestClient bob = login("bob"); TestClient accent = connect()) {
			alice.awaitLine("[SERVER] bob joined the chat");
			alice.send("/nick alice");
			alice.expectLine("[SERVER] error: you are already alice");
			alice.send("/nick ALICE"); // a change of case, as IRC allows
			alice.expectLine("[SERVER] alice is now known as ALICE");
			bob.expectLine("[SERVER] alice is now known as ALICE");
			alice.send("/nick ALICE");
			alice.expectLine("[SERVER] error: you are already ALICE");

			accent.expectLine("Enter your name:");
			accent.send("ren\u00E9");
			accent.awaitLine((line) -> line.startsWith("[SERVER] welcome, ren\u00E9! "));
			accent.send("/nick rene\u0301"); // decomposed: the same name in NFC
			accent.expectLine("[SERVER] error: you are already ren\u00E9");
			accent.send("/nick \u0301rene");
			accent.expectLine("[SERVER] error: a name may not start with a mark (U+0301)");
		}
	}

	@Test
	void aNewNameIsCheckedAsTypedNotCleanedIntoAnother() {
		try (TestClient zed = login("zed")) {
			zed.send("/nick x\u200D");
			zed.expectLine("[SERVER] error: a zero-width joiner (U+200D) is only allowed in a name after a virama");
			zed.send("/nick a\u202Eb");
			zed.expectLine("[SERVER] error: a name may only contain visible characters, not U+202E");
			zed.send("/nick adm\u200Bin");
			zed.expectLine("[SERVER] error: a name may only contain visible characters, not U+200B");
			zed.send("/nick a\u0007b");
			zed.expectLine("[SERVER] error: a name may not contain control characters");
			zed.send("/nick \u0915\u094D\u200D\u0937"); // a half form: the joiner is part of the name
			zed.expectLine("[SERVER] zed is now known as \u0915\u094D\u200D\u0937");
		}
	}

}
