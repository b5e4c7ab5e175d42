package com.chatrelay.client;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The client's command line: defaults, and every mistake a one-line usage error before anything connects. */
class ClientArgumentsTest {

	@Test
	void defaultsToLocalhost5555() {
		assertThat(ClientArguments.parse(new String[0])).isEqualTo(new ClientArguments("localhost", 5555, false, null));
		assertThat(ClientArguments.parse(new String[] { "chat.example.org" }).port()).isEqualTo(5555);
		assertThat(ClientArguments.parse(new String[] { "--tls-ca", "ca.pem", "h", "1" }))
			.isEqualTo(new ClientArguments("h", 1, true, Path.of("ca.pem")));
		assertThat(ClientArguments.parse(new String[] { "h", "65535", "--tls" }))
			.isEqualTo(new ClientArguments("h", 65535, true, null));
	}

	@ParameterizedTest
	@ValueSource(strings = { "70000", "0", "65536", "99999999999", "nope", "5555x", " 5555", "" })
	void aPortOutsideOneTo65535IsAUsageError(String port) {
		assertUsageError(new String[] { "localhost", port }, port.isEmpty() ? "an empty argument" : port);
	}

	@Test
	void anUnknownOptionOrAnExtraWordIsAUsageError() {
		assertUsageError(new String[] { "--verbose" }, "unknown option --verbose");
		assertUsageError(new String[] { "localhost", "-1" }, "unknown option -1");
		assertUsageError(new String[] { "localhost", "5555", "extra" }, "unexpected argument extra");
		assertUsageError(new String[] { "--tls-ca" }, "--tls-ca needs a PEM file");
	}

	/** The client run with these arguments: exit 2, one line on standard error naming the problem, nothing on standard output. */
	private static void assertUsageError(String[] args, String problem) {
		assertThatExceptionOfType(ClientArguments.UsageException.class).isThrownBy(() -> ClientArguments.parse(args));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = ChatClient.run(args, System.in, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8), ChatClient.CLOSE_WAIT);
		assertThat(code).isEqualTo(2);
		assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
		assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement()
			.satisfies((line) -> assertThat(line).startsWith("client: ").contains(problem)
				.contains("usage: client [--tls | --tls-ca <pem file>] [host] [port]")
				.doesNotContain("Exception"));
	}

}
