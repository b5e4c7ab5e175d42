package com.chatrelay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each package may use, as its package-info says: checked on the imports of the sources, so a
 * shortcut from the chat domain into Spring, or from the API into the transport, fails the build. A
 * package's rows hold for its sub-packages too ({@code admin} for {@code admin.api}, ...).
 */
class PackageRulesTest {

	private static final Path SOURCES = Path.of("src/main/java/com/chatrelay");

	@ParameterizedTest(name = "{0} does not import {1}")
	@CsvSource(delimiter = '|', textBlock = """
			chat    | org.springframework.
			chat    | com.chatrelay.tcp.
			chat    | com.chatrelay.admin.
			chat    | com.chatrelay.cluster.
			chat    | com.chatrelay.metrics.
			chat    | io.micrometer.
			tcp     | com.chatrelay.admin.
			tcp     | com.chatrelay.cluster.
			admin   | com.chatrelay.tcp.
			admin   | com.chatrelay.cluster.
			admin.api      | com.chatrelay.admin.console.
			admin.api      | com.chatrelay.admin.security.
			admin.api      | com.chatrelay.admin.errors.
			admin.api      | org.springframework.security.
			admin.console  | com.chatrelay.admin.security.
			admin.console  | com.chatrelay.admin.errors.
			admin.console  | org.springframework.security.
			admin.audit    | com.chatrelay.admin.
			admin.security | com.chatrelay.chat.
			admin.errors   | com.chatrelay.admin.
			admin.errors   | com.chatrelay.chat.
			cluster | com.chatrelay.tcp.
			cluster | com.chatrelay.admin.
			client  | org.springframework.
			client  | com.chatrelay.tcp.
			client  | com.chatrelay.admin.
			bench   | com.chatrelay.
			""")
	void aPackageDoesNotReachWhereItMayNot(String pkg, String forbidden) throws IOException {
		List<String> offending = new ArrayList<>();
		Path dir = SOURCES.resolve(pkg.replace('.', '/'));
		try (Stream<Path> files = Files.walk(dir)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".java")).toList()) {
				for (String line : Files.readAllLines(file)) {
					if (line.startsWith("import " + forbidden) || line.startsWith("import static " + forbidden)) {
						offending.add(dir.relativize(file) + ": " + line);
					}
				}
			}
		}
		assertThat(offending).as(pkg + " may not use " + forbidden).isEmpty();
	}

	@ParameterizedTest(name = "{0} says what it is for")
	@CsvSource({ "''", "chat", "tcp", "admin", "admin.api", "admin.console", "admin.audit", "admin.security",
			"admin.errors", "cluster", "metrics", "client", "bench", "descriptors", "logging" })
	void everyPackageHasAPackageInfo(String pkg) {
		assertThat(SOURCES.resolve(pkg.replace('.', '/')).resolve("package-info.java")).isRegularFile();
	}

}
