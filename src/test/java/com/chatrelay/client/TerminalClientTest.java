package com.chatrelay.client;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

import com.chatrelay.ChatRelayApplication;
import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import com.chatrelay.support.Tmux;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.chatrelay.client.ChatClientHostileServerTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The client on a real terminal (tmux), started as {@code java ... client host port} is: lines that
 * arrive while the user types appear above the line being typed, which stays whole; a hostile
 * server's escape sequences neither clear the screen, retitle the window, nor type into the input.
 */
class TerminalClientTest extends RelayTestBase {

	private static final Duration STARTUP = Duration.ofSeconds(30);

	private static final Duration SOON = Duration.ofSeconds(10);

	@TempDir
	Path dir;

	@Test
	void incomingLinesAppearAboveTheLineBeingTyped() throws Exception {
		try (Tmux terminal = client(chatPort()); TestClient other = login("other")) {
			awaitScreen(terminal, STARTUP, (screen) -> screen.contains("Enter your name:") && last(screen).equals(">"));
			terminal.type("dora");
			terminal.press("Enter");
			awaitScreen(terminal, SOON, (screen) -> screen.stream().anyMatch((line) -> line.startsWith("[SERVER] welcome, dora!")));
			other.awaitLine("[SERVER] dora joined the chat");

			terminal.type("partial typing");
			awaitScreen(terminal, SOON, (screen) -> last(screen).equals("> partial typing"));
			other.send("from other now");
			List<String> screen = awaitScreen(terminal, SOON, (lines) -> lines.contains("[other] from other now"));
			assertThat(last(screen)).as("the input line, whole and last").isEqualTo("> partial typing");
			assertThat(screen.indexOf("[other] from other now")).isLessThan(screen.size() - 1);
			assertThat(screen).noneMatch((line) -> line.contains("partial") && line.contains("[other]"));

			terminal.press("Enter");
			other.awaitLine("[dora] partial typing");

			terminal.press("Up"); // history: this session's lines
			awaitScreen(terminal, SOON, (lines) -> last(lines).equals("> partial typing"));
			terminal.press("C-u", "C-d"); // clear the line, then the end of input
			List<String> end = awaitScreen(terminal, SOON, (lines) -> last(lines).equals("[exit 0]"));
			assertThat(end).contains("(end of input; disconnected)").doesNotContain("(connection closed by the server)");
			other.awaitLine("[SERVER] dora left the chat");
		}
	}

	@Test
	void aHostileServerCannotClearTheScreenRetitleTheWindowOrTypeIntoTheInput() throws Exception {
		// ESC[6n asks the terminal to report the cursor: unfiltered, tmux types ESC[<row>;<col>R into the input
		byte[] hostile = bytes("x\u001b[2J\u001b]0;pwned-title\u0007y\u001b[6nz\u009b6n\n");
		try (HostileServer server = new HostileServer(bytes("before the attack\n"), hostile);
				Tmux terminal = client(server.port())) {
			String title = awaitTitle(terminal);
			awaitScreen(terminal, STARTUP, (screen) -> screen.contains("Enter your name:"));
			terminal.type("mallory");
			terminal.press("Enter");
			List<String> screen = awaitScreen(terminal, SOON, (lines) -> lines.contains("x[2J]0;pwned-titley[6nz6n"));
			assertThat(screen).as("the screen was not cleared").contains("before the attack", "> mallory");
			assertThat(terminal.title()).isEqualTo(title).isNotEqualTo("pwned-title");
			assertThat(last(screen)).as("nothing typed into the input").isEqualTo(">");

			terminal.type("typed");
			terminal.press("Enter");
			await().atMost(SOON).until(() -> server.received().size() == 2);
			assertThat(server.received()).containsExactly("mallory", "typed");
		}
	}

	private Tmux client(int port) throws IOException {
		return Tmux.start(Tmux.java(this.dir, ChatRelayApplication.class.getName(), "client", "127.0.0.1",
				String.valueOf(port)), 120, 30);
	}

	private static String awaitTitle(Tmux terminal) throws Exception {
		Callable<String> title = terminal::title;
		return await().atMost(SOON).until(title, (value) -> !value.isEmpty());
	}

	private static List<String> awaitScreen(Tmux terminal, Duration within, Predicate<List<String>> wanted) {
		return await().atMost(within)
			.pollInterval(Duration.ofMillis(100))
			.alias("the terminal's screen")
			.until(terminal::screen, wanted);
	}

	/** The last line on the screen (tmux leaves out trailing spaces: the empty input line is {@code >}). */
	private static String last(List<String> screen) {
		return screen.isEmpty() ? "" : screen.get(screen.size() - 1).stripTrailing();
	}

}
