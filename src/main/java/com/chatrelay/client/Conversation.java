package com.chatrelay.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One connection's conversation: a thread shows the server's lines (cleaned) while another sends
 * what the user types. Ends on {@code /quit} (once the server closes), at the end of input (once
 * the server closes after reading everything), on Ctrl-C, or when the server closes.
 */
final class Conversation {

	/** Exit code after Ctrl-C, as a shell reports a process ended by SIGINT. */
	static final int INTERRUPTED_EXIT = 130;

	static final String SERVER_CLOSED = "(connection closed by the server)";

	static final String END_OF_INPUT = "(end of input; disconnected)";

	static final String INTERRUPTED = "(interrupted; disconnected)";

	/** How the typing side ended. */
	private enum InputEnd { END_OF_INPUT, QUIT, INTERRUPTED, FAILED }

	private final Socket socket;

	private final ClientConsole console;

	private final Duration closeWait;

	/** The input ended (Ctrl-D, or the pipe's end) and the client half-closed. */
	private volatile boolean endOfInput;

	Conversation(Socket socket, ClientConsole console, Duration closeWait) {
		this.socket = socket;
		this.console = console;
		this.closeWait = closeWait;
	}

	/** @return the exit code */
	int run() throws InterruptedException {
		// the note that says how the server side ended; null when the client closed the socket itself
		CompletableFuture<String> serverEnded = new CompletableFuture<>();
		CompletableFuture<InputEnd> inputEnded = new CompletableFuture<>();
		start("chat-client-reader", () -> {
			String note = null;
			try {
				note = showLines();
			}
			finally {
				serverEnded.complete(note);
			}
		});
		start("chat-client-writer", () -> {
			try {
				inputEnded.complete(sendLines());
			}
			finally {
				inputEnded.complete(InputEnd.FAILED); // no-op unless sendLines threw
			}
		});
		try {
			CompletableFuture.anyOf(serverEnded, inputEnded).get();
			if (serverEnded.isDone()) {
				showIfAny(closingNote(serverEnded.get()));
				return 0;
			}
			InputEnd end = inputEnded.get();
			if (end == InputEnd.FAILED) {
				return 0;
			}
			if (end == InputEnd.INTERRUPTED) {
				this.console.show(INTERRUPTED);
				return INTERRUPTED_EXIT;
			}
			// the server still has to read what we sent (and may answer): let it close first
			showIfAny(closingNote(serverEnded.get(this.closeWait.toMillis(), TimeUnit.MILLISECONDS)));
			return 0;
		}
		catch (TimeoutException ex) {
			this.console.show("(the server did not close the connection within " + this.closeWait.toMillis()
					+ " ms; closing it)");
			return 0;
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
	}

	/**
	 * After the user's Ctrl-D the server closes because the client half-closed: on a terminal the
	 * note says so. Piped, it stays what scripts have always read.
	 */
	private String closingNote(String serverNote) {
		boolean userEnded = this.endOfInput && this.console.isTerminal() && SERVER_CLOSED.equals(serverNote);
		return userEnded ? END_OF_INPUT : serverNote;
	}

	private void showIfAny(String note) {
		if (note != null) {
			this.console.show(note);
		}
	}

	private static void start(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
	}

	/** Shows the server's lines until it closes. @return the note saying how it ended, or null if we closed */
	private String showLines() {
		try {
			ServerLines server = new ServerLines(this.socket.getInputStream());
			String line;
			while ((line = server.next()) != null) {
				this.console.show(line);
			}
			return SERVER_CLOSED;
		}
		catch (IOException ex) {
			return this.socket.isClosed() ? null : "(connection lost: " + ex.getMessage() + ")";
		}
	}

	private InputEnd sendLines() {
		try {
			OutputStream server = this.socket.getOutputStream();
			String line;
			while ((line = this.console.readLine()) != null) {
				server.write((line + "\n").getBytes(StandardCharsets.UTF_8));
				server.flush();
				if (line.trim().equals("/quit") || line.trim().startsWith("/quit ")) {
					return InputEnd.QUIT; // the server closes the connection
				}
			}
			// set before the half-close: the server may close before this thread returns
			this.endOfInput = true;
			// half-close, not close: everything written still reaches the server, which then closes
			this.socket.shutdownOutput();
			return InputEnd.END_OF_INPUT;
		}
		catch (ClientConsole.Interrupted ex) {
			return InputEnd.INTERRUPTED;
		}
		catch (IOException ex) {
			return InputEnd.FAILED;
		}
	}

}
