package com.chatrelay.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.chatrelay.ChatRelayApplication;
import com.chatrelay.support.Http;
import com.chatrelay.support.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * At the process's descriptor limit the chat port pauses accepting instead of failing on every
 * selector round: the selector thread stays nearly idle, the users already in chat on, one WARN
 * says what happened, and a client waiting in the kernel's backlog gets in once descriptors are free.
 * The relay runs in a JVM of its own under {@code ulimit -n}; raw connections to its HTTP port use
 * up the descriptors.
 */
class DescriptorLimitTest {

	private static final int DESCRIPTOR_LIMIT = 400;

	@TempDir
	Path logs;

	@Test
	void theChatPortPausesAtTheDescriptorLimitAndServesItsUsersMeanwhile() throws Exception {
		int chatPort = freePort();
		int httpPort = freePort();
		int managementPort = freePort();
		Path log = this.logs.resolve("relay.log");
		String java = ProcessHandle.current().info().command().orElse("java");
		String command = "ulimit -n " + DESCRIPTOR_LIMIT + " && exec \"$0\" \"$@\"";
		Process relay = new ProcessBuilder("bash", "-c", command, java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), ChatRelayApplication.class.getName(), "--chat.tcp.port=" + chatPort,
				"--server.port=" + httpPort, "--management.server.port=" + managementPort, "--chat.admin.password=secret")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		List<Socket> hogs = new ArrayList<>();
		try {
			await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
				assertThat(relay.isAlive()).as("the relay exited; see " + log).isTrue();
				return Http.to(managementPort).get("/actuator/health/readiness").statusCode() == 200;
			});
			try (TestClient alice = TestClient.login(chatPort, "alice"); TestClient bob = TestClient.login(chatPort, "bob")) {
				// more connections than the process has descriptors, all to the HTTP port
				// (past the limit Tomcat stops accepting too, and once its backlog is full a connect times out)
				for (int i = 0, timeouts = 0; i < DESCRIPTOR_LIMIT && timeouts < 3; i++) {
					Socket hog = new Socket();
					try {
						hog.connect(new InetSocketAddress("127.0.0.1", httpPort), 1000);
						hogs.add(hog);
					}
					catch (SocketTimeoutException ex) {
						hog.close();
						timeouts++;
					}
				}
				// then chat connections until one gets no prompt: it waits in the kernel's backlog
				Socket waiting = null;
				for (int i = 0; i < DESCRIPTOR_LIMIT && waiting == null; i++) {
					Socket chat = new Socket("127.0.0.1", chatPort);
					hogs.add(chat);
					chat.setSoTimeout(500);
					try {
						chat.getInputStream().read(); // the prompt, or server full
					}
					catch (SocketTimeoutException ex) {
						waiting = chat;
					}
				}
				assertThat(waiting).as("a chat connection left waiting for a descriptor").isNotNull();
				awaitInLog(log, "out of file descriptors");
				long before = selectorCpuTicks(relay.pid());
				long start = System.nanoTime();
				for (int i = 0; i < 10; i++) {
					alice.send("still here " + i);
					String expected = "[alice] still here " + i;
					bob.awaitLine(expected::equals, Duration.ofSeconds(1));
				}
				// for 2 s more the waiting client stays in the backlog while nothing is free: the window measured
				Socket stillWaiting = waiting;
				await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
					.until(() -> stillWaiting.getInputStream().available() == 0);
				double seconds = (System.nanoTime() - start) / 1e9;
				double cpu = (selectorCpuTicks(relay.pid()) - before) / 100.0;
				assertThat(cpu / seconds).as("share of a core the selector thread used while paused").isLessThan(0.05);
				for (Socket hog : hogs) {
					if (hog != waiting) {
						hog.close();
					}
				}
				waiting.setSoTimeout(10_000);
				byte[] prompt = new byte["Enter your name:".length()];
				int read = 0;
				while (read < prompt.length) {
					int n = waiting.getInputStream().read(prompt, read, prompt.length - read);
					assertThat(n).as("the waiting client was closed").isPositive();
					read += n;
				}
				assertThat(new String(prompt, StandardCharsets.UTF_8)).isEqualTo("Enter your name:");
				waiting.close();
			}
			List<String> chatLines = Files.readAllLines(log).stream().filter((line) -> line.contains("chat port")).toList();
			assertThat(chatLines).filteredOn((line) -> line.contains("out of file descriptors")).hasSize(1);
			assertThat(Files.readString(log)).doesNotContain("handling a selected key failed");
		}
		finally {
			for (Socket hog : hogs) {
				hog.close();
			}
			relay.destroy();
			if (!relay.waitFor(20, TimeUnit.SECONDS)) {
				relay.destroyForcibly();
			}
		}
	}

	private static void awaitInLog(Path log, String text) throws IOException {
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(log).contains(text));
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			throw new AssertionError("no '" + text + "' in the relay's log within 10 s:\n" + Files.readString(log), ex);
		}
	}

	/** CPU time (in clock ticks, 100 a second) of the relay's chat-selector thread, from /proc. */
	private static long selectorCpuTicks(long pid) throws IOException {
		try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
			for (Path task : tasks.toList()) {
				if (Files.readString(task.resolve("comm")).trim().equals("chat-selector")) {
					String stat = Files.readString(task.resolve("stat"));
					String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
					return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
				}
			}
		}
		throw new IllegalStateException("no chat-selector thread in process " + pid);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
