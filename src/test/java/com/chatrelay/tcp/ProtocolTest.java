package com.chatrelay.tcp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every rule of the wire protocol, over real sockets, with the default settings. */
class ProtocolTest extends RelayTestBase {

	private static final AtomicInteger ids = new AtomicInteger();

	private static String unique(String prefix) {
		return prefix + ids.incrementAndGet();
	}

	@Test
	void promptWelcomeAndJoinNotice() {
		String alice = unique("alice");
		String bob = unique("bob");
		try (TestClient a = login(alice); TestClient b = connect()) {
			b.expectLine("Enter your name:");
			b.send(bob);
			assertThat(b.readLine()).matches("\\[SERVER\\] welcome, " + bob + "! \\d+ online\\. Type /help for commands\\.");
			a.expectLine("[SERVER] " + bob + " joined the chat");
		}
	}

	@Test
	void welcomeCountsTheNewUser() {
		String first = unique("count");
		try (TestClient a = login(first)) {
			int before = Integer.parseInt(who(a).replaceAll("^\\[SERVER\\] online \\((\\d+)\\).*", "$1"));
			try (TestClient b = connect()) {
				b.expectLine("Enter your name:");
				b.send(unique("counted"));
				assertThat(b.readLine()).contains("! " + (before + 1) + " online.");
			}
		}
	}

	@Test
	void emptyNameBecomesAGuest() {
		try (TestClient guest = connect()) {
			guest.expectLine("Enter your name:");
			guest.send("   ");
			assertThat(guest.readLine()).matches("\\[SERVER\\] welcome, guest-\\d+! \\d+ online\\. Type /help for commands\\.");
		}
	}

	@Test
	void nameIsTrimmedAndUnicodeLettersAreAllowed() {
		String name = "Zoë_名前-" + ids.incrementAndGet() + ".x";
		try (TestClient c = connect()) {
			c.expectLine("Enter your name:");
			c.send("  " + name + "\t");
			assertThat(c.readLine()).startsWith("[SERVER] welcome, " + name + "! ");
		}
	}

	@Test
	void invalidNamesAreRefusedAndThePromptRepeats() {
		try (TestClient c = connect()) {
			c.expectLine("Enter your name:");
			for (String bad : List.of("bad name", "ctl\u0007name", "x".repeat(33), "semi;colon")) {
				c.send(bad);
				assertThat(c.readLine()).startsWith("[SERVER] error: ");
				c.expectLine("Enter your name:");
			}
			String good = "y".repeat(30) + ids.incrementAndGet() % 10;
			c.send(good);
			assertThat(c.readLine()).startsWith("[SERVER] welcome, " + good + "! ");
		}
	}

	@Test
	void takenNamesAreComparedCaseInsensitively() {
		String name = unique("Carol");
		try (TestClient first = login(name); TestClient second = connect()) {
			second.expectLine("Enter your name:");
			second.send(name.toUpperCase());
			assertThat(second.readLine()).startsWith("[SERVER] error: ").contains("taken");
			second.expectLine("Enter your name:");
		}
	}

	@Test
	void fiveFailedNamesCloseTheConnection() {
		try (TestClient c = connect()) {
			c.expectLine("Enter your name:");
			for (int i = 1; i <= 4; i++) {
				c.send("no way");
				assertThat(c.readLine()).startsWith("[SERVER] error: ");
				c.expectLine("Enter your name:");
			}
			c.send("no way");
			assertThat(c.readLine()).startsWith("[SERVER] error: ");
			c.awaitClosed();
		}
	}

	@Test
	void linesAreRelayedToEverybodyElseWithoutEcho() {
		String alice = unique("alice");
		try (TestClient a = login(alice); TestClient b = login(unique("bob")); TestClient c = login(unique("carol"))) {
			a.send("hello, world");
			b.awaitLine("[" + alice + "] hello, world");
			c.awaitLine("[" + alice + "] hello, world");
			// the sender's next line is the answer to its own command, not an echo
			a.send("/who");
			assertThat(a.awaitLine((line) -> !line.contains("joined the chat"))).startsWith("[SERVER] online (");
		}
	}

	@Test
	void blankLinesAreIgnored() {
		String alice = unique("alice");
		try (TestClient a = login(alice); TestClient b = login(unique("bob"))) {
			a.send("");
			a.send("   \t ");
			a.send("after blanks");
			assertThat(b.readLine()).isEqualTo("[" + alice + "] after blanks");
		}
	}

	@Test
	void crLfFromTelnetIsAccepted() {
		String name = unique("telnet");
		try (TestClient t = connect(); TestClient b = login(unique("bob"))) {
			t.expectLine("Enter your name:");
			t.sendRaw((name + "\r\n").getBytes(StandardCharsets.UTF_8));
			assertThat(t.readLine()).startsWith("[SERVER] welcome, " + name + "! ");
			t.sendRaw("hi there\r\n".getBytes(StandardCharsets.UTF_8));
			b.awaitLine("[" + name + "] hi there");
		}
	}

	@Test
	void multibyteUtf8ArrivesIntact() {
		String alice = unique("alice");
		String text = "héllo wörld ✓ 日本語 🎉 ΑΒΓ";
		try (TestClient a = login(alice); TestClient b = login(unique("bob"))) {
			a.send(text);
			b.awaitLine("[" + alice + "] " + text);
		}
	}

	@Test
	void invalidUtf8BecomesReplacementCharacters() {
		String alice = unique("alice");
		try (TestClient a = login(alice); TestClient b = login(unique("bob"))) {
			a.sendRaw(new byte[] { 'o', 'k', ' ', (byte) 0xFF, (byte) 0xC3, ' ', 'e', 'n', 'd', '\n' });
			b.awaitLine("[" + alice + "] ok \uFFFD\uFFFD end");
		}
	}

	@Test
	void controlCharactersAndEscapeSequencesAreRemoved() {
		String alice = unique("alice");
		try (TestClient a = login(alice); TestClient b = login(unique("bob"))) {
			a.send("\u001b[2J\u001b[31mred\u001b[0m\tbell\u0007 del\u007f c1\u0085\u009b end");
			b.awaitLine("[" + alice + "] [2J[31mred[0m\tbell del c1 end");
		}
	}

	@Test
	void helpGoesToTheSenderOnly() {
		String alice = unique("alice");
		try (TestClient a = login(alice); TestClient b = login(unique("bob"))) {
			a.awaitLine((line) -> line.contains("joined"));
			a.send("/help");
			assertThat(a.readLine()).startsWith("[SERVER] ");
			a.send("marker");
			assertThat(b.readLine()).isEqualTo("[" + alice + "] marker");
		}
	}

	@Test
	void whoListsNamesSortedCaseInsensitively() {
		String suffix = String.valueOf(ids.incrementAndGet());
		try (TestClient z = login("zed" + suffix); TestClient a = login("Amy" + suffix); TestClient m = login("mo" + suffix)) {
			String line = who(m);
			assertThat(line).matches("\\[SERVER\\] online \\(\\d+\\): .*");
			List<String> names = List.of(line.substring(line.indexOf("): ") + 3).split(", "));
			List<String> sorted = new ArrayList<>(names);
			sorted.sort(String.CASE_INSENSITIVE_ORDER);
			assertThat(names).isEqualTo(sorted).contains("zed" + suffix, "Amy" + suffix, "mo" + suffix);
		}
	}

	@Test
	void nickRenamesAndTellsEverybody() {
		String old = unique("old");
		String renamed = unique("new");
		try (TestClient a = login(old); TestClient b = login(unique("bob"))) {
			a.send("/nick " + renamed);
			a.awaitLine("[SERVER] " + old + " is now known as " + renamed);
			b.awaitLine("[SERVER] " + old + " is now known as " + renamed);
			a.send("as new");
			b.awaitLine("[" + renamed + "] as new");
		}
	}

	@Test
	void nickFollowsTheNameRules() {
		String taken = unique("Taken");
		try (TestClient a = login(unique("nicky")); TestClient b = login(taken)) {
			a.awaitLine((line) -> line.contains("joined"));
			a.send("/nick bad name");
			assertThat(a.readLine()).startsWith("[SERVER] error: ");
			a.send("/nick " + taken.toLowerCase());
			assertThat(a.readLine()).startsWith("[SERVER] error: ").contains("taken");
		}
	}

	@Test
	void privateMessagesReachOnlyTheReceiver() {
		String alice = unique("alice");
		String bob = unique("Bob");
		try (TestClient a = login(alice); TestClient b = login(bob); TestClient c = login(unique("carol"))) {
			a.send("/msg " + bob.toLowerCase() + " just for you");
			b.awaitLine("[" + alice + " -> you] just for you");
			a.send("public now");
			// alice's lines reach carol in the order alice sent them: had the private one reached
			// carol, it would come before the public one
			List<String> carolRead = new ArrayList<>();
			String line;
			while (!(line = c.readLine()).equals("[" + alice + "] public now")) {
				carolRead.add(line);
			}
			assertThat(carolRead).noneMatch((read) -> read.contains("just for you"));
		}
	}

	@Test
	void privateMessageToAnUnknownNameIsAnError() {
		try (TestClient a = login(unique("alice"))) {
			a.send("/msg nobody-here-" + ids.incrementAndGet() + " hello");
			assertThat(a.readLine()).startsWith("[SERVER] error: ");
		}
	}

	@Test
	void meDescribesAnAction() {
		String alice = unique("alice");
		try (TestClient a = login(alice); TestClient b = login(unique("bob"))) {
			a.send("/me waves");
			b.awaitLine("* " + alice + " waves");
		}
	}

	@Test
	void doubleSlashSendsALiteralSlash() {
		String alice = unique("alice");
		try (TestClient a = login(alice); TestClient b = login(unique("bob"))) {
			a.send("//shrug");
			b.awaitLine("[" + alice + "] /shrug");
		}
	}

	@Test
	void unknownCommandsAreAnError() {
		try (TestClient a = login(unique("alice"))) {
			a.send("/dance now");
			a.expectLine("[SERVER] error: unknown command /dance; try /help");
			a.send("/Dance");
			a.expectLine("[SERVER] error: unknown command /Dance; try /help");
			a.send("/WHO");
			assertThat(a.readLine()).startsWith("[SERVER] online (");
		}
	}

	@Test
	void quitClosesAndAnnouncesTheReason() {
		String alice = unique("alice");
		try (TestClient a = login(alice); TestClient b = login(unique("bob"))) {
			a.send("/quit gone fishing");
			a.awaitClosed();
			b.awaitLine("[SERVER] " + alice + " left the chat (gone fishing)");
		}
	}

	@Test
	void disconnectIsAnnounced() {
		String alice = unique("alice");
		try (TestClient b = login(unique("bob"))) {
			TestClient a = login(alice);
			b.awaitLine((line) -> line.contains(alice + " joined"));
			a.close();
			b.awaitLine("[SERVER] " + alice + " left the chat");
		}
	}

	@Test
	void aLineOfExactlyTheLimitIsRelayed() {
		String alice = unique("alice");
		try (TestClient a = login(alice); TestClient b = login(unique("bob"))) {
			String prefix = "[" + alice + "] ";
			a.send("x".repeat(4096));
			assertThat(b.awaitLine((line) -> line.startsWith(prefix))).hasSize(prefix.length() + 4096);
		}
	}

	@Test
	void aLineOneByteOverTheLimitClosesTheConnection() {
		String alice = unique("alice");
		try (TestClient a = login(alice); TestClient b = login(unique("bob"))) {
			a.sendRaw(("y".repeat(4096) + "\r\n").getBytes(StandardCharsets.UTF_8)); // the CR counts
			a.awaitLine("[SERVER] error: line too long (max 4096 bytes)");
			a.awaitClosed();
			b.awaitLine("[SERVER] " + alice + " left the chat (line too long)");
			// the others carry on
			try (TestClient c = login(unique("carol"))) {
				c.send("still here");
				b.awaitLine((line) -> line.endsWith("] still here"));
			}
		}
	}

	@Test
	void aHugeLineNeverEndsTheServer() {
		try (TestClient a = login(unique("alice")); TestClient b = login(unique("bob"))) {
			a.sendRaw(new byte[1024 * 1024]); // most of it after the relay gave up on the line
			a.awaitLine("[SERVER] error: line too long (max 4096 bytes)");
			a.expectClosed(); // a FIN after its error, not a reset (docs/architecture.md)
			b.send("/who");
			b.awaitLine((line) -> line.startsWith("[SERVER] online ("));
		}
	}

	@Test
	void floodingIsRateLimitedWithOneNoticeAndNothingElseChanges() {
		String flooder = unique("flood");
		try (TestClient f = login(flooder); TestClient b = login(unique("bob"))) {
			StringBuilder flood = new StringBuilder();
			for (int i = 0; i < 100; i++) {
				flood.append("line ").append(i).append('\n');
			}
			f.sendRaw(flood.toString().getBytes(StandardCharsets.UTF_8));
			f.awaitLine("[SERVER] error: slow down");
			f.close(); // a /quit now would be over the limit too

			int relayed = 0;
			String line;
			while (!(line = b.readLine()).startsWith("[SERVER] " + flooder + " left the chat")) {
				if (line.startsWith("[" + flooder + "] line ")) {
					relayed++;
				}
			}
			assertThat(relayed).as("the burst of 40, plus what refilled while the flood was read").isBetween(40, 42);
		}
	}

	private String who(TestClient client) {
		client.send("/who");
		return client.awaitLine((line) -> line.startsWith("[SERVER] online ("));
	}

}
