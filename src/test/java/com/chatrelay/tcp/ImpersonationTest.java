package com.chatrelay.tcp;

import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Nobody can pass for the server or for somebody else: reserved names and their look-alikes are
 * refused, a look-alike of a name online counts as taken, and text cannot carry characters that
 * rearrange or hide what others read.
 */
class ImpersonationTest extends RelayTestBase {

	@ParameterizedTest
	@ValueSource(strings = { "SERVER", "server", "ＳＥＲＶＥＲ", "S\u0415RVER", "Admin", "sy\u0455tem" })
	void theServersNamesAndTheirLookAlikesAreReserved(String name) {
		try (TestClient client = connect()) {
			client.expectLine("Enter your name:");
			client.send(name);
			client.expectLine("[SERVER] error: the name " + name + " is reserved");
			client.expectLine("Enter your name:");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "ＭＡＬＬＯＲＹ", "m\u0430llory", "MALLORY" })
	void aLookAlikeOfANameOnlineIsTaken(String lookAlike) {
		try (TestClient mallory = login("mallory"); TestClient client = connect()) {
			client.expectLine("Enter your name:");
			client.send(lookAlike);
			client.expectLine("[SERVER] error: the name " + lookAlike + " is taken");
		}
	}

	@Test
	void namesWithoutALetterOrDigitAreRefused() {
		try (TestClient client = connect()) {
			client.expectLine("Enter your name:");
			client.send("..");
			client.expectLine("[SERVER] error: a name needs at least one letter or digit");
		}
	}

	@Test
	void bidiOverridesAndZeroWidthCharactersAreRemovedFromText() {
		try (TestClient alice = login("alice"); TestClient bob = login("bob")) {
			alice.send("pay \u202Eevil\u202C to\u200B me\u2028now");
			bob.expectLine("[alice] pay evil to menow");
			alice.send("/quit bye\u2066 all\u2069");
			bob.expectLine("[SERVER] alice left the chat (bye all)");
		}
	}

}
