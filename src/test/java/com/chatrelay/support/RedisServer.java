package com.chatrelay.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * A real redis-server (Debian's package, which .ci/run installs) on a free loopback port, without
 * persistence, so a restart is an empty Redis. It can be stopped, killed, restarted on the same
 * port, and paused (SIGSTOP) like an operator's bad day.
 */
public final class RedisServer implements AutoCloseable {

	private final Path logDirectory;

	private final int port;

	private Process process;

	private RedisServer(Path logDirectory, int port) {
		this.logDirectory = logDirectory;
		this.port = port;
	}

	public static RedisServer start(Path logDirectory) throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		RedisServer server = new RedisServer(logDirectory, port);
		server.startAgain();
		return server;
	}

	/** Starts it (again, empty) on its port. */
	public synchronized void startAgain() throws IOException {
		this.process = new ProcessBuilder(Binaries.find("redis-server", "redis-server"), "--port", String.valueOf(this.port),
				"--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.logDirectory.resolve("redis-" + this.port + ".log").toFile()))
			.start();
		await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
			try (Socket probe = new Socket("127.0.0.1", this.port)) {
				return true;
			}
		});
	}

	public int port() {
		return this.port;
	}

	/** Kills it (SIGKILL): everything it held is gone. */
	public synchronized void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor();
	}

	/** Freezes it (SIGSTOP): connections stay open, nothing is answered. */
	public void pause() throws IOException, InterruptedException {
		Signals.send("STOP", this.process.pid());
	}

	public void resume() throws IOException, InterruptedException {
		Signals.send("CONT", this.process.pid());
	}

	@Override
	public synchronized void close() throws InterruptedException {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroyForcibly();
			this.process.waitFor();
		}
	}

}
