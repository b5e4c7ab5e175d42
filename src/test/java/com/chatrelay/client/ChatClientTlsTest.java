package com.chatrelay.client;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.chatrelay.client.ChatClientTest.Terminal;
import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import com.chatrelay.support.TestTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.test.context.TestPropertySource;

import static com.chatrelay.client.ChatClientTest.runPiped;
import static org.assertj.core.api.Assertions.assertThat;

/** The terminal client's {@code --tls} and {@code --tls-ca} against the real service speaking TLS. */
@TestPropertySource(properties = { "chat.tcp.ssl.bundle=chat",
		"spring.ssl.bundle.pem.chat.keystore.certificate=classpath:tls/server1.crt",
		"spring.ssl.bundle.pem.chat.keystore.private-key=classpath:tls/server1.key" })
class ChatClientTlsTest extends RelayTestBase {

	@TempDir
	Path dir;

	private Path caFile() {
		Path ca = this.dir.resolve("ca.crt");
		TestTls.copy("ca.crt", ca);
		return ca;
	}

	@Test
	void chatsOverTlsTrustingTheGivenCa() throws Exception {
		try (Terminal terminal = new Terminal("--tls-ca", caFile().toString(), "localhost", String.valueOf(chatPort()));
				TestClient other = TestClient.loginTls(chatPort(), TestTls.clientContext(), "other")) {
			terminal.chatAsDoraWith(other);
			terminal.endInput(); // a TLS half-close: the server still answers, then closes
			assertThat(terminal.exitCode()).isZero();
			other.awaitLine("[SERVER] dora left the chat");
			assertThat(terminal.output()).contains("(connection closed by the server)");
		}
	}

	@Test
	void theSystemsCasDoNotTrustATestCertificate() throws Exception {
		try (Terminal terminal = new Terminal("--tls", "localhost", String.valueOf(chatPort()))) {
			assertThat(terminal.exitCode()).isEqualTo(1);
			assertThat(terminal.output()).startsWith("TLS handshake with localhost:" + chatPort() + " failed: ");
		}
	}

	@Test
	void aHostTheCertificateDoesNotNameIsRefused() throws Exception {
		// the test certificate names localhost and 127.0.0.1, not this address
		try (Terminal terminal = new Terminal("--tls-ca", caFile().toString(), "127.0.0.2", String.valueOf(chatPort()))) {
			assertThat(terminal.exitCode()).isEqualTo(1);
			assertThat(terminal.output()).contains("TLS handshake with 127.0.0.2:" + chatPort() + " failed: ");
		}
	}

	@Test
	void aCaFileThatIsNoCertificateIsAUsageError() throws Exception {
		Path notPem = Files.writeString(this.dir.resolve("notes.txt"), "not a certificate");
		for (String file : new String[] { notPem.toString(), this.dir.resolve("missing.pem").toString() }) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			int code = runPiped(new String[] { "--tls-ca", file, "localhost", String.valueOf(chatPort()) }, out);
			assertThat(code).as(file).isEqualTo(2);
			assertThat(out.toString(StandardCharsets.UTF_8)).as(file).startsWith("client: cannot use " + file);
		}
	}

	@Test
	void tlsCaWithoutAFileIsAUsageError() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int code = runPiped(new String[] { "--tls-ca" }, out);
		assertThat(code).isEqualTo(2);
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage: client [--tls | --tls-ca <pem file>]");
	}

}
