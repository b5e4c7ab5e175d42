package com.chatrelay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar's first word: a typo never starts a relay, and a bad argument to {@code client} or
 * {@code bench} is one line on standard error and exit code 2, never a stack trace; checked on the
 * real entry point in a JVM of its own, as {@code java -jar chat-relay.jar ...} runs it.
 */
class CommandLineTest {

	@TempDir
	Path dir;

	@Test
	void noWordOrAnOptionStartsTheRelay() {
		assertThat(CommandLine.run(new String[0], System.out, System.err)).isEmpty();
		assertThat(CommandLine.run(new String[] { "--chat.tcp.port=0", "clinet" }, System.out, System.err)).isEmpty();
	}

	@Test
	void anUnknownWordIsAUsageErrorNamingTheCommands() {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		OptionalInt code = CommandLine.run(new String[] { "clinet", "localhost" }, System.out,
				new PrintStream(err, true, StandardCharsets.UTF_8));
		assertThat(code).hasValue(2);
		assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement()
			.satisfies((line) -> assertThat(line).contains("unknown command 'clinet'", "client", "bench",
					"no word starts the relay"));
	}

	@Test
	void theRealEntryPointRefusesATypoWithoutStartingSpring() throws Exception {
		Result result = launch("clinet");
		assertThat(result.code()).isEqualTo(2);
		assertThat(result.out()).isEmpty(); // no banner, no log: Spring never started
		assertThat(result.errLines()).singleElement()
			.satisfies((line) -> assertThat(line).startsWith("chat-relay: unknown command 'clinet'"));
	}

	@Test
	void badClientAndBenchArgumentsAreOneLineNotAStackTrace() throws Exception {
		String[][] cases = { { "client", "localhost", "70000" }, { "client", "localhost", "port" },
				{ "client", "--verbose" }, { "bench", "--port=70000" }, { "bench", "--clients=many" },
				{ "bench", "--nope=1" }, { "bench", "stray" } };
		for (String[] args : cases) {
			Result result = launch(args);
			String what = String.join(" ", args);
			assertThat(result.code()).as(what).isEqualTo(2);
			assertThat(result.out()).as(what).isEmpty();
			assertThat(result.errLines()).as(what).singleElement()
				.satisfies((line) -> assertThat(line).startsWith(args[0] + ": ").contains("usage: ")
					.doesNotContain("Exception"));
		}
	}

	private record Result(int code, String out, List<String> errLines) {
	}

	/** Runs the application's main class in a JVM of its own, with no terminal and no input. */
	private Result launch(String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), ChatRelayApplication.class.getName()));
		command.addAll(List.of(args));
		Path out = this.dir.resolve("out.txt");
		Path err = this.dir.resolve("err.txt");
		Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
			.redirectOutput(out.toFile())
			.redirectError(err.toFile())
			.start();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError(String.join(" ", args) + " did not exit within 60 s: it started something");
		}
		return new Result(process.exitValue(), Files.readString(out), Files.readString(err).lines().toList());
	}

}
