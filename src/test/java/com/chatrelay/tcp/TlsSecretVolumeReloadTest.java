package com.chatrelay.tcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import com.chatrelay.support.TestTls;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.awaitility.Awaitility.await;

/**
 * The Helm chart's set-up: the PEM files come from a Kubernetes Secret volume, where {@code tls.crt}
 * is a symlink to {@code ..data/tls.crt} and an update swaps the {@code ..data} symlink to a new
 * directory. Every renewal, not only the first, reaches new connections.
 */
class TlsSecretVolumeReloadTest extends RelayTestBase {

	private static final Path VOLUME = secretVolume();

	private final SSLContext trustTestCa = TestTls.clientContext();

	private static Path secretVolume() {
		try {
			Path volume = Files.createTempDirectory("chat-relay-secret");
			Path first = version(volume, "..2026_11_26_1", 1);
			Files.createSymbolicLink(volume.resolve("..data"), first.getFileName());
			Files.createSymbolicLink(volume.resolve("tls.crt"), Path.of("..data/tls.crt"));
			Files.createSymbolicLink(volume.resolve("tls.key"), Path.of("..data/tls.key"));
			return volume;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A timestamped directory holding one version of the Secret, as the kubelet writes it. */
	private static Path version(Path volume, String name, int server) throws IOException {
		Path dir = Files.createDirectory(volume.resolve(name));
		TestTls.copy("server" + server + ".crt", dir.resolve("tls.crt"));
		TestTls.copy("server" + server + ".key", dir.resolve("tls.key"));
		return dir;
	}

	/** The kubelet's atomic update: a new directory, then ..data renamed over to point at it. */
	private static void renew(String name, int server) throws IOException {
		Path dir = version(VOLUME, name, server);
		Path link = VOLUME.resolve("..data_tmp");
		Files.createSymbolicLink(link, dir.getFileName());
		Files.move(link, VOLUME.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
	}

	@DynamicPropertySource
	static void tls(DynamicPropertyRegistry registry) {
		registry.add("chat.tcp.ssl.bundle", () -> "chat");
		registry.add("spring.ssl.bundle.pem.chat.keystore.certificate", () -> "file:" + VOLUME.resolve("tls.crt"));
		registry.add("spring.ssl.bundle.pem.chat.keystore.private-key", () -> "file:" + VOLUME.resolve("tls.key"));
		registry.add("spring.ssl.bundle.pem.chat.reload-on-update", () -> "true");
		registry.add("spring.ssl.bundle.watch.file.quiet-period", () -> "200ms");
	}

	@Test
	void everyRenewalOfTheSecretReachesNewConnections() throws IOException {
		awaitSubject("CN=chat-relay test server 1");
		renew("..2026_11_26_2", 2);
		awaitSubject("CN=chat-relay test server 2");
		renew("..2026_11_26_3", 1);
		awaitSubject("CN=chat-relay test server 1");
	}

	private void awaitSubject(String subject) {
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
			try (TestClient probe = TestClient.connectTls(chatPort(), this.trustTestCa)) {
				return TestTls.serverSubject(probe);
			}
		}, subject::equals);
	}

}
