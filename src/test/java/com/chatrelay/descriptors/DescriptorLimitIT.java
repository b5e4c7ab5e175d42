package com.chatrelay.descriptors;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.chatrelay.support.Http;
import com.chatrelay.support.RelayProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged relay under {@code ulimit -n 512}: it says at start that max-connections does not fit
 * and lowers it, so the clients past it read {@code server full} while HTTP keeps answering; and
 * when HTTP clients themselves use up the descriptors, Tomcat's failed accepts are one WARN, counted.
 */
class DescriptorLimitIT {

	private static final int DESCRIPTORS = 512;

	/** The default chat.tcp.descriptor-reserve. */
	private static final int RESERVE = 256;

	private static final String PASSWORD = "secret";

	@TempDir
	Path logs;

	@Test
	void theConnectionLimitIsLoweredAtStartAndTheExtrasReadServerFull() throws Exception {
		try (RelayProcess relay = RelayProcess.start(this.logs, DESCRIPTORS, "--chat.admin.password=" + PASSWORD)) {
			int fits = DESCRIPTORS - RESERVE;
			assertThat(warnings(relay.output())).singleElement()
				.asString()
				.contains("chat.tcp.max-connections (10000)")
				.contains("file descriptor limit (" + DESCRIPTORS + ")")
				.contains("accepting at most " + fits + " chat connections");
			assertThat(relay.linesUpToStarted()).anyMatch((line) -> line.contains("up to " + fits + " connections"));
			List<Socket> clients = new ArrayList<>();
			int prompted = 0;
			int full = 0;
			try {
				for (int i = 0; i < 600; i++) {
					Socket client = new Socket();
					clients.add(client);
					client.connect(new InetSocketAddress("127.0.0.1", relay.chatPort()), 5000);
					client.setSoTimeout(10_000);
					String first = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))
						.readLine();
					if ("Enter your name:".equals(first)) {
						prompted++;
					}
					else if ("[SERVER] error: server full".equals(first)) {
						full++;
					}
				}
				assertThat(prompted).isEqualTo(fits);
				assertThat(full).isEqualTo(600 - fits);
				// the reserve is there: HTTP still answers with every chat place taken
				Http admin = Http.to(relay.httpPort()).as("admin", PASSWORD);
				assertThat(Http.json(admin.get("/api/stats")).get("connectionsOpen").asInt()).isEqualTo(fits);
			}
			finally {
				for (Socket client : clients) {
					client.close();
				}
			}
			String output = relay.output();
			assertThat(output).doesNotContain("Too many open files").doesNotContain("Socket accept failed");
			assertThat(output).doesNotContainPattern("(?m)^\\s+at ").doesNotContainPattern("(?m)^\\S+\\s+ERROR ");
			assertThat(warnings(output)).hasSize(1);
		}
	}

	@Test
	void httpClientsThatUseUpTheDescriptorsCostOneWarnPerEpisodeAndACount() throws Exception {
		// a chat limit that fits: the only warning is the HTTP side's
		try (RelayProcess relay = RelayProcess.start(this.logs, DESCRIPTORS, "--chat.admin.password=" + PASSWORD,
				"--chat.tcp.max-connections=100")) {
			assertThat(warnings(relay.output())).isEmpty();
			List<Socket> idle = new ArrayList<>();
			try {
				// idle HTTP connections: Tomcat accepts them (it allows 8192) until the process has no descriptor
				// left; a connect that times out found its backlog full (a busy machine accepts slowly): go on
				int timeouts = 0;
				for (int i = 0; i < 2 * DESCRIPTORS && timeouts < 5; i++) {
					if (i % 50 == 0 && relay.output().contains("accepting paused")) {
						break;
					}
					Socket socket = new Socket();
					idle.add(socket);
					try {
						socket.connect(new InetSocketAddress("127.0.0.1", relay.httpPort()), 2000);
						timeouts = 0;
					}
					catch (IOException ex) {
						timeouts++;
					}
				}
				awaitOutput(relay, "accepting paused", idle.size());
				// Tomcat retries every 1.6 s at most: over 4 s it fails again and again, and says it once
				await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
					.until(() -> warnings(relay.output()).size() == 1);
			}
			finally {
				for (Socket socket : idle) {
					socket.close();
				}
			}
			String output = relay.output();
			assertThat(warnings(output)).singleElement()
				.asString()
				.contains("HTTP port " + relay.httpPort() + ": accepting paused")
				.contains("chat_accept_paused_total{listener=\"http\"}");
			assertThat(output).doesNotContain("Socket accept failed")
				.doesNotContainPattern("(?m)^\\s+at ")
				.doesNotContainPattern("(?m)^\\S+\\s+ERROR ");
			Http management = Http.to(relay.managementPort());
			await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
				.until(() -> pauses(management.get("/actuator/prometheus").body(), "http") >= 2);
			assertThat(pauses(management.get("/actuator/prometheus").body(), "management")).isZero();
		}
	}

	private static void awaitOutput(RelayProcess relay, String text, int connections) {
		try {
			await().atMost(Duration.ofSeconds(20)).until(() -> relay.output().contains(text));
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			throw new AssertionError("no '" + text + "' after " + connections + " connections in:\n" + relay.output(), ex);
		}
	}

	private static List<String> warnings(String output) {
		return output.lines().filter((line) -> line.matches("^\\S+\\s+WARN .*")).toList();
	}

	private static double pauses(String prometheus, String listener) {
		Matcher value = Pattern.compile("(?m)^chat_accept_paused_total\\{listener=\"" + listener + "\"\\} (\\S+)$")
			.matcher(prometheus);
		if (!value.find()) {
			throw new AssertionError("no chat_accept_paused_total{listener=\"" + listener + "\"} in\n" + prometheus);
		}
		return Double.parseDouble(value.group(1));
	}

}
