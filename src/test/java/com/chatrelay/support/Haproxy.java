package com.chatrelay.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real HAProxy (Debian's package, which .ci/run installs) in TCP mode in front of the chat port,
 * as a load balancer would be: one loopback frontend whose backend sends the PROXY header v1
 * ({@code send-proxy}), another v2 ({@code send-proxy-v2}). A child process, killed at close.
 */
public final class Haproxy implements AutoCloseable {

	private final Process process;

	private final int v1Port;

	private final int v2Port;

	private Haproxy(Process process, int v1Port, int v2Port) {
		this.process = process;
		this.v1Port = v1Port;
		this.v2Port = v2Port;
	}

	/**
	 * Starts it in front of the relay's chat port on 127.0.0.1.
	 * @param healthChecks whether the v2 backend also checks the relay (HAProxy sends a v2 LOCAL
	 * header with each check)
	 */
	public static Haproxy start(int chatPort, boolean healthChecks, Path directory) throws IOException {
		String program = Binaries.find("haproxy", "haproxy");
		int v1Port = freePort();
		int v2Port = freePort();
		String relay = "127.0.0.1:" + chatPort;
		String config = String.join("\n", "global", "    nbthread 1", "    maxconn 500", "defaults", "    mode tcp",
				"    timeout connect 5s", "    timeout client 60s", "    timeout server 60s",
				"frontend chat_v1", "    bind 127.0.0.1:" + v1Port, "    default_backend relay_v1",
				"frontend chat_v2", "    bind 127.0.0.1:" + v2Port, "    default_backend relay_v2",
				"backend relay_v1", "    server relay " + relay + " send-proxy",
				"backend relay_v2", "    server relay " + relay + " send-proxy-v2" + (healthChecks ? " check inter 200ms" : ""),
				"");
		Path file = directory.resolve("haproxy-" + v1Port + ".cfg");
		Files.writeString(file, config);
		Process process = new ProcessBuilder(program, "-db", "-f", file.toString())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("haproxy-" + v1Port + ".log").toFile()))
			.start();
		Haproxy haproxy = new Haproxy(process, v1Port, v2Port);
		try {
			await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
				if (!process.isAlive()) {
					throw new IllegalStateException("haproxy exited: " + Files.readString(
							directory.resolve("haproxy-" + v1Port + ".log")));
				}
				try (Socket one = new Socket("127.0.0.1", v1Port); Socket two = new Socket("127.0.0.1", v2Port)) {
					return true;
				}
			});
		}
		catch (RuntimeException ex) {
			haproxy.close();
			throw ex;
		}
		return haproxy;
	}

	/** The frontend that sends PROXY header version 1 or 2. */
	public int port(int version) {
		return (version == 1) ? this.v1Port : this.v2Port;
	}

	@Override
	public void close() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
