package com.chatrelay.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The packaged relay ({@code target/chat-relay.jar}, as an operator runs it) in a JVM of its own,
 * on free ports, optionally under {@code ulimit -n}; everything it prints goes to a log file the
 * test reads. Used by the integration tests, which Maven runs after {@code package}.
 */
public final class RelayProcess implements AutoCloseable {

	/** Spring Boot's last start-up line. */
	public static final String STARTED = "Started ChatRelayApplication";

	private static final Path JAR = Path.of("target", "chat-relay.jar");

	private final Process process;

	private final Path log;

	private final int chatPort;

	private final int httpPort;

	private final int managementPort;

	private RelayProcess(Process process, Path log, int chatPort, int httpPort, int managementPort) {
		this.process = process;
		this.log = log;
		this.chatPort = chatPort;
		this.httpPort = httpPort;
		this.managementPort = managementPort;
	}

	/**
	 * Starts the jar and waits for Spring Boot's "Started" line.
	 * @param descriptorLimit {@code ulimit -n} for the relay, or 0 to keep this process's
	 * @param arguments more command-line arguments ({@code --chat.tcp.ssl.bundle=...})
	 */
	public static RelayProcess start(Path logDirectory, int descriptorLimit, String... arguments) throws IOException {
		if (!Files.isRegularFile(JAR)) {
			throw new IllegalStateException(JAR + " is missing: integration tests run after `./mvnw package`");
		}
		int chatPort = freePort();
		int httpPort = freePort();
		int managementPort = freePort();
		List<String> java = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
				"-Xmx256m", "-jar", JAR.toString(), "--chat.tcp.port=" + chatPort, "--server.port=" + httpPort,
				"--management.server.port=" + managementPort));
		java.addAll(List.of(arguments));
		List<String> command = new ArrayList<>();
		if (descriptorLimit > 0) {
			// set before the JVM starts, as a shell or systemd would: the JVM reads its limit once
			command.addAll(List.of("bash", "-c", "ulimit -n " + descriptorLimit + " && exec \"$@\"", "relay"));
		}
		command.addAll(java);
		Path log = Files.createTempFile(logDirectory, "relay-", ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
			.start();
		RelayProcess relay = new RelayProcess(process, log, chatPort, httpPort, managementPort);
		try {
			await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
				if (!process.isAlive()) {
					throw new IllegalStateException("the relay exited with " + process.exitValue() + ":\n" + relay.output());
				}
				return relay.output().contains(STARTED);
			});
		}
		catch (RuntimeException ex) {
			relay.close();
			throw ex;
		}
		return relay;
	}

	public int chatPort() {
		return this.chatPort;
	}

	public int httpPort() {
		return this.httpPort;
	}

	public int managementPort() {
		return this.managementPort;
	}

	public long pid() {
		return this.process.pid();
	}

	/** Everything printed so far. */
	public String output() {
		try {
			return Files.readString(this.log, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The lines printed up to and including Spring Boot's "Started" line. */
	public List<String> linesUpToStarted() {
		List<String> lines = new ArrayList<>();
		for (String line : output().split("\n", -1)) {
			lines.add(line);
			if (line.contains(STARTED)) {
				return lines;
			}
		}
		throw new IllegalStateException("no '" + STARTED + "' line in:\n" + output());
	}

	/** SIGTERM, as an operator stops it, then SIGKILL if it does not exit within 30 s. */
	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
