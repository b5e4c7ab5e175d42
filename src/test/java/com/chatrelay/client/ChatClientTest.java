package com.chatrelay.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The terminal client, with piped input and output, against the real service. */
class ChatClientTest extends RelayTestBase {

	@Test
	void sendsTheNameShowsLinesAndExitsOnQuit() throws Exception {
		try (Terminal terminal = new Terminal(chatPort()); TestClient other = login("other")) {
			terminal.chatAsDoraWith(other);
			terminal.type("/quit bye");
			assertThat(terminal.exitCode()).isZero();
			other.awaitLine("[SERVER] dora left the chat (bye)");
		}
	}

	@Test
	void exitsAtTheEndOfInput() throws Exception {
		try (Terminal terminal = new Terminal(chatPort()); TestClient other = login("watcher")) {
			terminal.await("Enter your name:");
			terminal.type("eve");
			terminal.await("[SERVER] welcome, eve! ");
			terminal.endInput();
			assertThat(terminal.exitCode()).isZero();
			other.awaitLine("[SERVER] eve left the chat");
		}
	}

	@Test
	void exitsWhenTheServerCloses() throws Exception {
		try (Terminal terminal = new Terminal(chatPort())) {
			terminal.await("Enter your name:");
			for (int i = 0; i < 5; i++) {
				terminal.type("not a name");
			}
			assertThat(terminal.exitCode()).isZero();
			assertThat(terminal.output()).contains("(connection closed by the server)");
		}
	}

	@Test
	void aBadPortIsAUsageError() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int code = runPiped(new String[] { "localhost", "nope" }, out);
		assertThat(code).isEqualTo(2);
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage");
	}

	@Test
	void helpPrintsTheUsageInsteadOfConnecting() {
		for (String help : new String[] { "--help", "-h" }) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			int code = runPiped(new String[] { help }, out);
			assertThat(code).as(help).isZero();
			assertThat(out.toString(StandardCharsets.UTF_8).lines()).as(help)
				.hasSize(4)
				.first().isEqualTo("usage: client [--tls | --tls-ca <pem file>] [host] [port]");
		}
	}

	@Test
	void anOptionIsAUsageErrorNotAHostName() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int code = runPiped(new String[] { "--verbose" }, out);
		assertThat(code).isEqualTo(2);
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage: client [")
			.doesNotContain("cannot connect");
	}

	/** The client's main loop in a thread, with a keyboard and a screen we control. */
	static final class Terminal implements AutoCloseable {

		private final PipedOutputStream keyboard = new PipedOutputStream();

		private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

		private final CompletableFuture<Integer> exit;

		Terminal(int port) throws IOException {
			this("127.0.0.1", String.valueOf(port));
		}

		Terminal(String... args) throws IOException {
			PipedInputStream in = new PipedInputStream(this.keyboard);
			PrintStream out = new PrintStream(this.screen, true, StandardCharsets.UTF_8);
			this.exit = CompletableFuture.supplyAsync(() -> ChatClient.run(args, in, out, out, ChatClient.CLOSE_WAIT));
		}

		void type(String line) throws IOException {
			this.keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
			this.keyboard.flush();
		}

		/** Logs in as dora, then dora and {@code other} (logged in as "other") each say a line to the other. */
		void chatAsDoraWith(TestClient other) throws IOException {
			await("Enter your name:");
			type("dora");
			await("[SERVER] welcome, dora! ");
			other.awaitLine("[SERVER] dora joined the chat");
			other.send("hello dora");
			await("[other] hello dora");
			type("hi other");
			other.awaitLine("[dora] hi other");
		}

		void endInput() throws IOException {
			this.keyboard.close();
		}

		String output() {
			synchronized (this.screen) {
				return this.screen.toString(StandardCharsets.UTF_8);
			}
		}

		void await(String text) {
			org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> output().contains(text));
		}

		int exitCode() throws Exception {
			return this.exit.get(10, TimeUnit.SECONDS);
		}

		@Override
		public void close() throws IOException {
			this.keyboard.close();
		}

	}

	/** The client on piped lines, printing output and errors alike to {@code out}. */
	static int runPiped(String[] args, ByteArrayOutputStream out) {
		PrintStream screen = new PrintStream(out, true, StandardCharsets.UTF_8);
		return ChatClient.run(args, System.in, screen, screen, ChatClient.CLOSE_WAIT);
	}

}
