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
 * shortcut from the chat domain into Spring, or from the API into the transport, fails the build.
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
			cluster | com.chatrelay.tcp.
			cluster | com.chatrelay.admin.
			client  | org.springframework.
			client  | com.chatrelay.tcp.
			client  | com.chatrelay.admin.
			bench   | com.chatrelay.
			""")
	void aPackageDoesNotReachWhereItMayNot(String pkg, String forbidden) throws IOException {
		List<String> offending = new ArrayList<>();
		try (Stream<Path> files = Files.list(SOURCES.resolve(pkg))) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".java")).toList()) {
				for (String line : Files.readAllLines(file)) {
					if (line.startsWith("import " + forbidden) || line.startsWith("import static " + forbidden)) {
						offending.add(file.getFileName() + ": " + line);
					}
				}
			}
		}
		assertThat(offending).as(pkg + " may not use " + forbidden).isEmpty();
	}

	@ParameterizedTest(name = "{0} says what it is for")
	@CsvSource({ "''", "chat", "tcp", "admin", "cluster", "metrics", "client", "bench", "descriptors", "logging" })
	void everyPackageHasAPackageInfo(String pkg) {
		assertThat(SOURCES.resolve(pkg).resolve("package-info.java")).isRegularFile();
	}

}
