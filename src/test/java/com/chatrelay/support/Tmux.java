package com.chatrelay.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real terminal for a program under test: a detached tmux session (Debian's {@code tmux}, which
 * .ci/run installs) on a server of its own, typed into with {@code send-keys} and read with
 * {@code capture-pane}, as a person at a terminal would type and read.
 */
public final class Tmux implements AutoCloseable {

	private static final AtomicInteger SESSIONS = new AtomicInteger();

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

	private final String tmux;

	/** The tmux server's socket name: each session has its own server, killed at close. */
	private final String socket;

	private Tmux(String tmux, String socket) {
		this.tmux = tmux;
		this.socket = socket;
	}

	/**
	 * Runs a shell command in a new {@code width} x {@code height} terminal. When the command ends
	 * the pane shows {@code [exit N]} and stays open, so its last screen can still be read.
	 */
	public static Tmux start(String shellCommand, int width, int height) throws IOException {
		String program = Binaries.find("tmux", "tmux");
		Tmux session = new Tmux(program, "chat-relay-test-" + ProcessHandle.current().pid() + "-" + SESSIONS.incrementAndGet());
		// -f /dev/null: no user configuration; a UTF-8 locale so the program under test writes UTF-8
		session.run("-f", "/dev/null", "new-session", "-d", "-s", "test", "-x", String.valueOf(width), "-y",
				String.valueOf(height), "env LC_ALL=C.UTF-8 sh -c '" + shellCommand.replace("'", "'\\''")
						+ "; echo \"[exit $?]\"; exec sleep 600'");
		return session;
	}

	/** A {@code java} command on the test's own JVM and class path (through an argument file: it is long). */
	public static String java(Path directory, String mainClass, String... args) throws IOException {
		Path argFile = directory.resolve("java-" + SESSIONS.incrementAndGet() + ".args");
		Files.writeString(argFile, "-cp \"" + System.getProperty("java.class.path") + "\"\n", StandardCharsets.UTF_8);
		StringBuilder command = new StringBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.append(" @").append(argFile).append(' ').append(mainClass);
		for (String arg : args) {
			command.append(' ').append(arg);
		}
		return command.toString();
	}

	/** Types the text as it is (no key names). */
	public void type(String text) throws IOException {
		run("send-keys", "-t", "test", "-l", text);
	}

	/** Presses keys by tmux's names: {@code Enter}, {@code C-d}, {@code Up}. */
	public void press(String... keys) throws IOException {
		List<String> command = new ArrayList<>(List.of("send-keys", "-t", "test"));
		command.addAll(List.of(keys));
		run(command.toArray(String[]::new));
	}

	/** The screen's lines, trailing blank lines left out. */
	public List<String> screen() throws IOException {
		List<String> lines = new ArrayList<>(run("capture-pane", "-p", "-t", "test").lines().toList());
		while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
			lines.remove(lines.size() - 1);
		}
		return lines;
	}

	/** The pane's title, which a program sets with the OSC 0 or 2 escape sequence. */
	public String title() throws IOException {
		return run("display-message", "-p", "-t", "test", "#{pane_title}").strip();
	}

	private String run(String... args) throws IOException {
		List<String> command = new ArrayList<>(List.of(this.tmux, "-u", "-L", this.socket));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		try {
			if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new IOException("tmux did not answer within " + COMMAND_TIMEOUT + ": " + command);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (process.exitValue() != 0) {
			throw new IOException("tmux " + String.join(" ", args) + " failed: " + output);
		}
		return output;
	}

	@Override
	public void close() throws IOException {
		run("kill-server");
	}

}
