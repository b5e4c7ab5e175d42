package com.chatrelay;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import com.chatrelay.support.RelayProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A start tells an operator in a handful of lines what runs where, as Spring Boot's own smoke
 * tests check it: the packaged jar is started as an operator starts it, and a WARN that is not
 * expected, a stack trace, more than 20 lines up to "Started" or a line over 300 characters fail.
 */
class QuietStartIT {

	private static final int MAX_LINES = 20;

	private static final int MAX_LINE_LENGTH = 300;

	/** A line of a stack trace (the JVM's, or Logback's with its jar in brackets). */
	private static final Pattern STACK_TRACE = Pattern.compile("^(\\s+at |\\s*Caused by: |\\s*\\.\\.\\. \\d+ more)");

	/** A warning: Logback's level column, or the JVM's own "WARNING:" lines on stderr. */
	private static final Pattern WARNING = Pattern.compile("(^\\S+\\s+WARN |^WARNING: )");

	private static final Pattern ERROR = Pattern.compile("^\\S+\\s+ERROR ");

	@TempDir
	Path logs;

	@Test
	void aPlainStartSaysWhatRunsWhereInAHandfulOfLines() throws Exception {
		try (RelayProcess relay = RelayProcess.start(this.logs, 0)) {
			List<String> lines = relay.linesUpToStarted();
			assertQuiet(lines, 0);
			assertThat(lines).anyMatch((line) -> line.contains("generated admin password for user 'admin'"));
			assertThat(summary(lines)).contains("chat port " + relay.chatPort() + " on 0.0.0.0 (plain TCP)")
				.contains("up to 10000 connections")
				.contains("HTTP port " + relay.httpPort())
				.contains("Actuator on port " + relay.managementPort())
				.contains("standalone")
				.containsPattern("chat-relay \\d+\\.\\d+\\.\\d+");
		}
	}

	@Test
	void aTlsStartSaysSoAndStaysQuiet() throws Exception {
		Path tls = Path.of("src", "test", "resources", "tls").toAbsolutePath();
		try (RelayProcess relay = RelayProcess.start(this.logs, 0, "--chat.tcp.ssl.bundle=chat",
				"--spring.ssl.bundle.pem.chat.keystore.certificate=file:" + tls.resolve("server1.crt"),
				"--spring.ssl.bundle.pem.chat.keystore.private-key=file:" + tls.resolve("server1.key"),
				"--chat.admin.password=secret")) {
			List<String> lines = relay.linesUpToStarted();
			assertQuiet(lines, 0);
			assertThat(lines).noneMatch((line) -> line.contains("generated admin password"));
			assertThat(summary(lines)).contains("chat port " + relay.chatPort() + " on 0.0.0.0 (TLS, SSL bundle 'chat')");
		}
	}

	/** Redis down at start is worth one clear WARN (chat on this replica goes on), never a stack trace. */
	@Test
	void aClusteredStartWithRedisDownWarnsOnceWithoutAStackTrace() throws Exception {
		int nobody;
		try (ServerSocket free = new ServerSocket(0)) {
			nobody = free.getLocalPort();
		}
		try (RelayProcess relay = RelayProcess.start(this.logs, 0, "--chat.cluster.enabled=true",
				"--chat.cluster.replica-id=r1", "--spring.data.redis.host=127.0.0.1",
				"--spring.data.redis.port=" + nobody)) {
			List<String> lines = relay.linesUpToStarted();
			assertQuiet(lines, 1);
			assertThat(lines).filteredOn((line) -> WARNING.matcher(line).find())
				.singleElement()
				.asString()
				.contains("Redis");
			assertThat(summary(lines)).contains("cluster replica 'r1'");
		}
	}

	private static void assertQuiet(List<String> lines, int warningsAllowed) {
		String all = String.join("\n", lines);
		assertThat(lines).as("lines up to Started:\n" + all).hasSizeLessThanOrEqualTo(MAX_LINES);
		assertThat(lines).as("lines over " + MAX_LINE_LENGTH + " characters")
			.allMatch((line) -> line.length() <= MAX_LINE_LENGTH);
		assertThat(lines).as("a stack trace in:\n" + all).noneMatch((line) -> STACK_TRACE.matcher(line).find());
		assertThat(lines).as("an ERROR in:\n" + all).noneMatch((line) -> ERROR.matcher(line).find());
		assertThat(lines).as("warnings in:\n" + all)
			.filteredOn((line) -> WARNING.matcher(line).find())
			.hasSizeLessThanOrEqualTo(warningsAllowed);
	}

	private static String summary(List<String> lines) {
		return lines.stream()
			.filter((line) -> line.contains("StartupSummary"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no start-up summary in:\n" + String.join("\n", lines)));
	}

}
