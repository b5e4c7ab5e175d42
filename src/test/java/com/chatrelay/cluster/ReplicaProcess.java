package com.chatrelay.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.chatrelay.ChatRelayApplication;
import com.chatrelay.support.Http;
import com.chatrelay.support.Signals;

import static org.awaitility.Awaitility.await;

/**
 * One replica of the relay in a JVM of its own (this test's class path), so that a test can kill
 * it (SIGKILL), pause it (SIGSTOP) and resume it, or stop it gracefully (SIGTERM), as happens to pods.
 */
final class ReplicaProcess implements AutoCloseable {

	private final String id;

	private final int chatPort;

	private final int httpPort;

	private final Process process;

	private ReplicaProcess(String id, int chatPort, int httpPort, Process process) {
		this.id = id;
		this.chatPort = chatPort;
		this.httpPort = httpPort;
		this.process = process;
	}

	static ReplicaProcess start(String id, int redisPort, Path logDirectory, String... more) throws IOException {
		int chatPort = freePort();
		int httpPort = freePort();
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
				"-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				ChatRelayApplication.class.getName(), "--chat.tcp.port=" + chatPort, "--server.port=" + httpPort,
				"--management.server.port=" + freePort(), "--chat.cluster.enabled=true", "--chat.cluster.replica-id=" + id,
				"--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redisPort,
				"--chat.admin.password=" + Replica.PASSWORD));
		command.addAll(List.of(more));
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(logDirectory.resolve("replica-" + id + ".log").toFile()))
			.start();
		ReplicaProcess replica = new ReplicaProcess(id, chatPort, httpPort, process);
		await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
			if (!process.isAlive()) {
				throw new IllegalStateException("replica " + id + " exited with " + process.exitValue());
			}
			try (Socket probe = new Socket("127.0.0.1", chatPort)) {
				return replica.admin().get("/api/stats").statusCode() == 200; // the admin API is up too
			}
		});
		return replica;
	}

	String id() {
		return this.id;
	}

	int chatPort() {
		return this.chatPort;
	}

	Http admin() {
		return Http.to(this.httpPort).as("admin", Replica.PASSWORD);
	}

	/** SIGKILL: no leave notices, no cleanup, as a crashed pod or node. */
	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor();
	}

	/** SIGSTOP: it stops answering anything, Redis included, until {@link #resume}. */
	void pause() throws IOException, InterruptedException {
		Signals.send("STOP", this.process.pid());
	}

	void resume() throws IOException, InterruptedException {
		Signals.send("CONT", this.process.pid());
	}

	/**
	 * SIGTERM, as Kubernetes stops a pod, and waits for it to exit.
	 * @return how long it took
	 */
	Duration stop() throws InterruptedException {
		long start = System.nanoTime();
		this.process.destroy();
		if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
		return Duration.ofNanos(System.nanoTime() - start);
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			kill();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
