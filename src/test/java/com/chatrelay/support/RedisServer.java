package com.chatrelay.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;

import static org.awaitility.Awaitility.await;

/** A real redis-server (Debian's package, which .ci/run installs) on a free loopback port, without persistence. */
public final class RedisServer implements AutoCloseable {

	private final Process process;

	private final int port;

	private RedisServer(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	public static RedisServer start(Path logDirectory) throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Process process = new ProcessBuilder(Binaries.find("redis-server", "redis-server"), "--port", String.valueOf(port), "--bind", "127.0.0.1",
				"--save", "", "--appendonly", "no", "--daemonize", "no")
			.redirectErrorStream(true).redirectOutput(logDirectory.resolve("redis.log").toFile()).start();
		RedisServer server = new RedisServer(process, port);
		await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
			try (Socket probe = new Socket("127.0.0.1", port)) {
				return true;
			}
		});
		return server;
	}

	public int port() {
		return this.port;
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		this.process.waitFor();
	}

}
