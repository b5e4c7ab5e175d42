package com.chatrelay.tcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import com.chatrelay.support.TestTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Boot's bundle reloading on the chat port: replacing the PEM files makes new connections present
 * the new certificate, while a user connected before chats on; a key that does not match the
 * certificate (a renewal caught half-way) is refused and the old pair kept.
 */
@ExtendWith(OutputCaptureExtension.class)
class TlsCertificateReloadTest extends RelayTestBase {

	private static final Path DIR = certificateDir();

	private final SSLContext trustTestCa = TestTls.clientContext();

	private static Path certificateDir() {
		try {
			Path dir = Files.createTempDirectory("chat-relay-tls");
			dir.toFile().deleteOnExit();
			TestTls.copy("server1.crt", dir.resolve("tls.crt"));
			TestTls.copy("server1.key", dir.resolve("tls.key"));
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@DynamicPropertySource
	static void tls(DynamicPropertyRegistry registry) {
		registry.add("chat.tcp.ssl.bundle", () -> "chat");
		registry.add("spring.ssl.bundle.pem.chat.keystore.certificate", () -> DIR.resolve("tls.crt").toUri().toString());
		registry.add("spring.ssl.bundle.pem.chat.keystore.private-key", () -> DIR.resolve("tls.key").toUri().toString());
		registry.add("spring.ssl.bundle.pem.chat.reload-on-update", () -> "true");
		registry.add("spring.ssl.bundle.pem.chat.keystore.verify-keys", () -> "true");
		registry.add("spring.ssl.bundle.watch.file.quiet-period", () -> "200ms");
	}

	@Test
	void newConnectionsGetTheNewCertificateAndOpenOnesChatOn(CapturedOutput output) {
		try (TestClient before = TestClient.loginTls(chatPort(), this.trustTestCa, "before")) {
			assertThat(TestTls.serverSubject(before)).isEqualTo("CN=chat-relay test server 1");
			// a renewal caught half-way (the new key, the old certificate) is refused: the old pair stays
			TestTls.copy("server2.key", DIR.resolve("tls.key"));
			await().atMost(Duration.ofSeconds(30)).until(() -> output.getAll().contains("matches none of the certificates"));
			try (TestClient probe = TestClient.loginTls(chatPort(), this.trustTestCa, "probe")) {
				assertThat(TestTls.serverSubject(probe)).isEqualTo("CN=chat-relay test server 1");
			}
			// the certificate follows: both files match again
			TestTls.copy("server2.crt", DIR.resolve("tls.crt"));
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
				try (TestClient probe = TestClient.connectTls(chatPort(), this.trustTestCa)) {
					return TestTls.serverSubject(probe);
				}
			}, "CN=chat-relay test server 2"::equals);
			try (TestClient after = TestClient.loginTls(chatPort(), this.trustTestCa, "after")) {
				assertThat(TestTls.serverSubject(after)).isEqualTo("CN=chat-relay test server 2");
				before.awaitLine("[SERVER] after joined the chat");
				before.send("still on the old certificate");
				after.expectLine("[before] still on the old certificate");
			}
		}
	}

}
