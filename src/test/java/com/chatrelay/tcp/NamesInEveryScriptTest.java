package com.chatrelay.tcp;

import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Names of every script log in and chat over real sockets: Devanagari, Tamil and pointed Arabic
 * with their marks, a decomposed {@code e} + U+0301 kept as {@code é}; look-alikes stay taken.
 */
class NamesInEveryScriptTest extends RelayTestBase {

	private static final String HINDI = "राम";

	private static final String TAMIL = "தமிழ்";

	private static final String ARABIC = "مُحَمَّد";

	private static final String DECOMPOSED = "e\u0301";

	private static final String PRECOMPOSED = "\u00E9";

	@Test
	void namesWithMarksLogInChatAndAreFoundByName() {
		try (TestClient bob = login("bob"); TestClient hindi = login(HINDI); TestClient tamil = login(TAMIL);
				TestClient arabic = login(ARABIC); TestClient accent = connect()) {
			accent.expectLine("Enter your name:");
			accent.send(DECOMPOSED);
			accent.expectLine("[SERVER] welcome, " + PRECOMPOSED + "! 5 online. Type /help for commands.");
			bob.awaitLine("[SERVER] " + PRECOMPOSED + " joined the chat"); // shown in NFC to everybody

			hindi.send("hi");
			bob.awaitLine("[" + HINDI + "] hi");
			tamil.awaitLine("[" + HINDI + "] hi");
			accent.send("salut");
			bob.awaitLine("[" + PRECOMPOSED + "] salut");

			bob.send("/who");
			String who = bob.awaitLine((line) -> line.startsWith("[SERVER] online ("));
			assertThat(who).startsWith("[SERVER] online (5): ")
				.contains("bob", PRECOMPOSED, HINDI, TAMIL, ARABIC)
				.doesNotContain(DECOMPOSED);

			bob.send("/msg " + HINDI + " x");
			hindi.awaitLine("[bob -> you] x");
			bob.send("/msg " + ARABIC + " y");
			arabic.awaitLine("[bob -> you] y");
			bob.send("/msg " + DECOMPOSED + " z"); // either spelling finds the user
			accent.awaitLine("[bob -> you] z");
			arabic.send("/msg " + TAMIL + " vanakkam");
			tamil.awaitLine("[" + ARABIC + " -> you] vanakkam");
		}
	}

	@Test
	void theNfcFormOfANameOnlineIsTaken() {
		try (TestClient accent = connect(); TestClient hindi = login(HINDI); TestClient other = connect()) {
			accent.expectLine("Enter your name:");
			accent.send(DECOMPOSED);
			assertThat(accent.readLine()).startsWith("[SERVER] welcome, " + PRECOMPOSED + "! ");

			other.expectLine("Enter your name:");
			other.send(PRECOMPOSED);
			other.expectLine("[SERVER] error: the name " + PRECOMPOSED + " is taken");
			other.expectLine("Enter your name:");
			other.send("E\u0301"); // a capital, decomposed: the same name folded
			other.expectLine("[SERVER] error: the name \u00C9 is taken");
			other.expectLine("Enter your name:");
			other.send(HINDI);
			other.expectLine("[SERVER] error: the name " + HINDI + " is taken");
		}
	}

	@Test
	void aNameStartingWithAMarkIsRefusedWithWhy() {
		try (TestClient client = connect()) {
			client.expectLine("Enter your name:");
			client.send("\u093F" + HINDI);
			client.expectLine("[SERVER] error: a name may not start with a mark (U+093F)");
			client.expectLine("Enter your name:");
			client.send("bad name");
			client.expectLine("[SERVER] error: a name may not contain spaces");
			client.expectLine("Enter your name:");
			client.send("semi;colon");
			client.expectLine("[SERVER] error: ';' (U+003B) is not allowed in a name; use letters, digits, '_', '-' and '.'");
			client.expectLine("Enter your name:");
			client.send("हिन्दी".repeat(6)); // 36 code points, 12 characters on the screen
			assertThat(client.readLine()).startsWith("[SERVER] welcome, " + "हिन्दी".repeat(6) + "! ");
		}
	}

}
