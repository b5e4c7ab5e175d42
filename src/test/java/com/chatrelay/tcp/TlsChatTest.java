package com.chatrelay.tcp;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import com.chatrelay.support.Binaries;
import com.chatrelay.support.Ending;
import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import com.chatrelay.support.TestTls;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** The chat port with {@code chat.tcp.ssl.bundle}: real TLS clients (Java's and openssl's) chat as over TCP. */
@TestPropertySource(properties = { "chat.tcp.ssl.bundle=chat",
		"spring.ssl.bundle.pem.chat.keystore.certificate=classpath:tls/server1.crt",
		"spring.ssl.bundle.pem.chat.keystore.private-key=classpath:tls/server1.key",
		"chat.tcp.handshake-timeout=2s",
		// dozens of TLS clients a second from one address, as no real one connects (TlsHandshakeLimitsTest)
		"chat.tcp.ssl.handshake-rate-per-address=0" })
@ExtendWith(OutputCaptureExtension.class)
class TlsChatTest extends RelayTestBase {

	private final SSLContext trustTestCa = TestTls.clientContext();

	@Autowired
	private MeterRegistry registry;

	private TestClient loginTls(String name) {
		return TestClient.loginTls(chatPort(), this.trustTestCa, name);
	}

	@Test
	void twoTlsClientsChatAndAQuitIsAnnounced() {
		try (TestClient alice = loginTls("alice"); TestClient bob = loginTls("bob")) {
			alice.expectLine("[SERVER] bob joined the chat");
			alice.send("hello over TLS");
			bob.expectLine("[alice] hello over TLS");
			bob.send("/quit done");
			alice.expectLine("[SERVER] bob left the chat (done)");
			assertThat(bob.readUntilClosed()).as("nothing after /quit, then close_notify").isEmpty();
			assertThat(TestTls.serverSubject(alice)).isEqualTo("CN=chat-relay test server 1");
		}
	}

	@Test
	void aLineTooLongOverTlsGetsItsErrorLine() {
		try (TestClient alice = loginTls("alice")) {
			alice.send("x".repeat(5000));
			alice.expectLine("[SERVER] error: line too long (max 4096 bytes)");
			alice.expectClosed();
		}
	}

	@Test
	void aHugeLineOverTlsGetsItsErrorLineAndAGracefulClose() {
		try (TestClient alice = loginTls("alice")) {
			alice.sendRaw(new byte[1024 * 1024]); // most of it after the relay gave up on the line
			alice.expectLine("[SERVER] error: line too long (max 4096 bytes)");
			alice.expectClosed(); // close_notify and FIN after its error, not a reset (docs/architecture.md)
		}
	}

	@Test
	void aOneShotTlsClientHasEveryLineHandledAndGetsItsLastLines() {
		try (TestClient alice = loginTls("alice")) {
			TestClient bot = TestClient.connectTls(chatPort(), this.trustTestCa);
			bot.sendRaw("bot\nbuild 42 is green\n/who\n".getBytes(StandardCharsets.UTF_8));
			bot.shutdownOutput(); // close_notify: TLS 1.3 half-close, the bot still reads
			alice.expectLine("[SERVER] bot joined the chat");
			alice.expectLine("[bot] build 42 is green");
			alice.expectLine("[SERVER] bot left the chat");
			assertThat(bot.readUntilClosed()).containsExactly("Enter your name:",
					"[SERVER] welcome, bot! 2 online. Type /help for commands.", "[SERVER] online (2): alice, bot");
			bot.close();
		}
	}

	@Test
	void plainTcpClientsAreClosedWithoutAWordAndTlsUsersDoNotNotice(CapturedOutput output) {
		double failuresBefore = handshakeFailures();
		double errorsBefore = closed("error");
		try (TestClient alice = loginTls("alice"); TestClient bob = loginTls("bob")) {
			alice.expectLine("[SERVER] bob joined the chat");
			for (int i = 0; i < 20; i++) {
				try (TestClient plain = connect()) {
					plain.send("mallory" + i);
					// not even the prompt in clear text: the first byte must be a TLS record
					plain.expectClosed();
				}
			}
			alice.send("still here");
			bob.expectLine("[alice] still here");
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> handshakeFailures() - failuresBefore == 20);
		await().atMost(Duration.ofSeconds(5)).until(() -> closed("error") - errorsBefore == 20);
		assertThat(output.getAll()).doesNotContain("WARN").doesNotContain("ERROR");
	}

	@Test
	void aTls12OnlyClientIsToldWhyByAProtocolVersionAlert() throws Exception {
		double failuresBefore = handshakeFailures();
		try (SSLSocket socket = (SSLSocket) this.trustTestCa.getSocketFactory().createSocket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", chatPort()), 5000);
			socket.setSoTimeout(5000);
			socket.setEnabledProtocols(new String[] { "TLSv1.2" });
			assertThatExceptionOfType(SSLHandshakeException.class).isThrownBy(socket::startHandshake)
				.withMessageContaining("protocol_version");
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> handshakeFailures() - failuresBefore == 1);
	}

	@Test
	void aClientStalledMidHandshakeCostsNoThreadAndTimesOut() throws Exception {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		int threadsBefore = threads.getThreadCount();
		double timeoutsBefore = closed("handshake_timeout");
		byte[] clientHello = TestTls.clientHello(this.trustTestCa, chatPort());
		List<Socket> stalled = new ArrayList<>();
		try {
			for (int i = 0; i < 50; i++) {
				Socket socket = new Socket();
				socket.connect(new InetSocketAddress("127.0.0.1", chatPort()), 5000);
				socket.setSoTimeout(10_000);
				socket.getOutputStream().write(clientHello); // then never a Finished
				stalled.add(socket);
			}
			// the server answered every hello (its ServerHello flight) and now waits: no thread per client
			for (Socket socket : stalled) {
				assertThat(socket.getInputStream().read()).as("a TLS handshake record").isEqualTo(0x16);
			}
			int processors = Runtime.getRuntime().availableProcessors();
			assertThat(threads.getThreadCount() - threadsBefore).isLessThanOrEqualTo(processors + 5);
			// the handshake timeout (2 s) closes them all, gracefully: the server read each hello whole
			for (Socket socket : stalled) {
				assertThat(Ending.readToEnd(socket.getInputStream())).as("closed by the server").isEqualTo(Ending.GRACEFUL);
			}
		}
		finally {
			for (Socket socket : stalled) {
				socket.close();
			}
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> closed("handshake_timeout") - timeoutsBefore == 50);
	}

	@Test
	void openSslClientsChatOneShot(@TempDir Path dir) throws Exception {
		String openssl = Binaries.find("openssl", "openssl");
		Path ca = dir.resolve("ca.crt");
		TestTls.copy("ca.crt", ca);
		try (TestClient alice = loginTls("alice")) {
			// -quiet keeps reading after the end of its input: the server's close ends it (after /quit)
			String quiet = openSsl(openssl, ca, "bot\nbuild 42 is green\n/quit\n", "-quiet");
			alice.expectLine("[SERVER] bot joined the chat");
			alice.expectLine("[bot] build 42 is green");
			alice.expectLine("[SERVER] bot left the chat");
			assertThat(quiet).contains("Enter your name:").contains("[SERVER] welcome, bot! 2 online.");
			// -no_ign_eof: close_notify and close at the end of input, as `nc -N` does; its lines still count
			openSsl(openssl, ca, "bot2\nsee you\n", "-quiet", "-no_ign_eof");
			alice.expectLine("[SERVER] bot2 joined the chat");
			alice.expectLine("[bot2] see you");
			alice.expectLine("[SERVER] bot2 left the chat");
		}
	}

	private String openSsl(String openssl, Path ca, String input, String... options) throws Exception {
		List<String> command = new ArrayList<>(List.of(openssl, "s_client", "-connect", "127.0.0.1:" + chatPort(),
				"-servername", "localhost", "-verify_hostname", "localhost", "-CAfile", ca.toString(),
				"-verify_return_error"));
		command.addAll(List.of(options));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		try (OutputStream stdin = process.getOutputStream()) {
			stdin.write(input.getBytes(StandardCharsets.UTF_8));
		}
		assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("openssl s_client ends").isTrue();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as(output).isZero();
		return output;
	}

	private double handshakeFailures() {
		return this.registry.counter("chat.tls.handshake.failures").count();
	}

	private double closed(String reason) {
		return this.registry.counter("chat.connections.closed", "reason", reason).count();
	}

}
