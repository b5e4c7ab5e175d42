package com.chatrelay.client;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How the client ends a conversation, against a scripted server on a real socket (the relay cannot
 * be told to hold a connection open): at the end of input it half-closes and reads on until the
 * server closes, and it never waits for that longer than its close wait.
 */
class ChatClientClosingTest {

	private static final Duration CLOSE_WAIT = Duration.ofSeconds(1);

	private final ServerSocket listener;

	/** The server's side of the one connection, once accepted; the tests close it when they choose. */
	private final CompletableFuture<Socket> accepted = new CompletableFuture<>();

	private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

	/** The server and the client block on their sockets: threads of their own, not the common pool's. */
	private final ExecutorService threads = Executors.newCachedThreadPool();

	ChatClientClosingTest() throws IOException {
		this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
	}

	@AfterEach
	void closeSockets() throws IOException {
		this.listener.close();
		if (this.accepted.isDone()) {
			this.accepted.join().close();
		}
		this.threads.shutdownNow();
	}

	@Test
	void atTheEndOfInputEverythingReachesTheServerAndItsLastWordsArePrinted() throws Exception {
		// printf 'bob\nhello\n' | client: the input ends before the server has even sent its prompt
		CompletableFuture<List<String>> received = serve((lines, server) -> {
			writeLine(server, "[SERVER] read " + lines.size() + " lines after your end of input");
			server.close();
		});
		int code = client(new ByteArrayInputStream("bob\nhello\n".getBytes(StandardCharsets.UTF_8)))
			.get(10, TimeUnit.SECONDS);
		assertThat(code).isZero();
		assertThat(received.get(10, TimeUnit.SECONDS)).containsExactly("bob", "hello");
		assertThat(output()).contains("Enter your name:", "[SERVER] read 2 lines after your end of input",
				"(connection closed by the server)")
			.doesNotContain("did not close");
	}

	@Test
	void atTheEndOfInputItClosesItselfWhenTheServerNeverDoes() throws Exception {
		CompletableFuture<List<String>> received = serve((lines, server) -> {
			// holds the connection open: the client must give up on its own
		});
		CompletableFuture<Integer> exit = client(new ByteArrayInputStream("bob\nhello\n".getBytes(StandardCharsets.UTF_8)));
		assertThat(received.get(10, TimeUnit.SECONDS)).containsExactly("bob", "hello");
		assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
		assertThat(output()).contains("(the server did not close the connection within 1000 ms; closing it)")
			.doesNotContain("connection lost");
	}

	@Test
	void afterQuitItWaitsForTheServerToCloseButNotForever() throws Exception {
		CompletableFuture<List<String>> received = serve((lines, server) -> writeLine(server, "[SERVER] bye"));
		try (PipedOutputStream keyboard = new PipedOutputStream()) {
			// the keyboard stays open: only /quit ends the input side
			CompletableFuture<Integer> exit = client(new PipedInputStream(keyboard));
			keyboard.write("bob\n/quit later\n".getBytes(StandardCharsets.UTF_8));
			keyboard.flush();
			assertThat(received.get(10, TimeUnit.SECONDS)).containsExactly("bob", "/quit later");
			await().atMost(Duration.ofSeconds(5)).until(() -> output().contains("[SERVER] bye"));
			assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
			assertThat(output()).contains("(the server did not close the connection within 1000 ms; closing it)");
		}
	}

	/** What the scripted server does once the client's input side is over (end of input or /quit). */
	private interface Afterwards {

		void run(List<String> lines, Socket server) throws IOException;

	}

	/**
	 * Accepts one connection, sends the prompt, reads lines until the client's end of input or a
	 * {@code /quit}, then runs {@code afterwards}. @return the lines it read
	 */
	private CompletableFuture<List<String>> serve(Afterwards afterwards) {
		return CompletableFuture.supplyAsync(() -> {
			try {
				Socket server = this.listener.accept();
				this.accepted.complete(server);
				writeLine(server, "Enter your name:");
				BufferedReader in = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
				List<String> lines = new ArrayList<>();
				String line;
				while ((line = in.readLine()) != null) {
					lines.add(line);
					if (line.startsWith("/quit")) {
						break;
					}
				}
				afterwards.run(lines, server);
				return lines;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}, this.threads);
	}

	private CompletableFuture<Integer> client(InputStream keyboard) {
		PrintStream out = new PrintStream(this.screen, true, StandardCharsets.UTF_8);
		String[] args = { "127.0.0.1", String.valueOf(this.listener.getLocalPort()) };
		return CompletableFuture.supplyAsync(() -> ChatClient.run(args, keyboard, out, out, CLOSE_WAIT), this.threads);
	}

	private String output() {
		synchronized (this.screen) {
			return this.screen.toString(StandardCharsets.UTF_8);
		}
	}

	private static void writeLine(Socket socket, String line) throws IOException {
		OutputStream out = socket.getOutputStream();
		out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

}
