package com.chatrelay.tcp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import com.chatrelay.chat.ChatServer;
import com.chatrelay.support.Haproxy;
import com.chatrelay.support.Http;
import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import com.chatrelay.support.TestTls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The TLS chat port behind a real HAProxy in TCP mode, which passes TLS through after its PROXY
 * header: the relay reads the header first, then the handshake, whether they come in one packet
 * or two.
 */
@TestPropertySource(properties = { "chat.tcp.ssl.bundle=chat",
		"spring.ssl.bundle.pem.chat.keystore.certificate=classpath:tls/server1.crt",
		"spring.ssl.bundle.pem.chat.keystore.private-key=classpath:tls/server1.key",
		"chat.tcp.proxy-protocol.enabled=true", "chat.tcp.proxy-protocol.trusted-proxies=127.0.0.1",
		"chat.admin.username=tls-proxy-admin", "chat.admin.password=tls-proxy-secret" })
class HaproxyTlsFrontTest extends RelayTestBase {

	@org.springframework.beans.factory.annotation.Autowired
	private io.micrometer.core.instrument.MeterRegistry registry;


	@TempDir
	static Path directory;

	private static Haproxy haproxy;

	private final SSLContext trustTestCa = TestTls.clientContext();

	@LocalServerPort
	private int httpPort;

	@Autowired
	private ChatServer server;

	private Http admin;

	@BeforeEach
	void haproxyInFront() throws IOException {
		this.admin = Http.to(this.httpPort).as("tls-proxy-admin", "tls-proxy-secret");
		if (haproxy == null) {
			haproxy = Haproxy.start(chatPort(), false, directory);
			await().atMost(Duration.ofSeconds(10)).until(() -> this.server.openConnections() == 0);
		}
	}

	@AfterAll
	static void stopHaproxy() {
		if (haproxy != null) {
			haproxy.close();
			haproxy = null;
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 2 })
	void aTlsClientBehindHaproxyIsListedUnderItsOwnAddress(int version) {
		String name = "tls-v" + version;
		try (TestClient client = TestClient.connectTlsFrom("127.0.0.5", haproxy.port(version), this.trustTestCa)
			.loginAs(name)) {
			assertThat(user(name).get("remoteAddress").asString()).startsWith("127.0.0.5:");
		}
	}

	@Test
	void aHeaderAndTheClientHelloInOnePacketAreBothRead() throws IOException {
		byte[] header = ProxyHeaders.v2("192.0.2.80", 8080, 30);
		Socket plain = new HeaderFirstSocket(header); // the header goes out with the ClientHello's bytes
		plain.connect(new InetSocketAddress("127.0.0.1", chatPort()), 5000);
		try (TestClient client = TestClient.tlsOver(plain, this.trustTestCa).loginAs("one-packet")) {
			assertThat(user("one-packet").get("remoteAddress").asString()).isEqualTo("192.0.2.80:8080");
		}
	}

	@Test
	void aHeaderAloneThenTheHandshakeLater() throws IOException {
		Socket plain = new Socket();
		plain.connect(new InetSocketAddress("127.0.0.1", chatPort()), 5000);
		double proxied = proxiedHeaders();
		plain.getOutputStream().write(ProxyHeaders.v1("192.0.2.81", 8081));
		// the relay has read the header on its own before the handshake starts
		await().atMost(Duration.ofSeconds(5)).until(() -> proxiedHeaders() > proxied);
		try (TestClient client = TestClient.tlsOver(plain, this.trustTestCa).loginAs("two-packets")) {
			assertThat(user("two-packets").get("remoteAddress").asString()).isEqualTo("192.0.2.81:8081");
		}
	}

	@Test
	void aDirectTlsClientNeedsNoHeader() {
		try (TestClient client = TestClient.connectTlsFrom("127.0.0.7", chatPort(), this.trustTestCa)
			.loginAs("direct-tls")) {
			assertThat(user("direct-tls").get("remoteAddress").asString()).startsWith("127.0.0.7:");
		}
	}

	private JsonNode user(String name) {
		HttpResponse<String> response = this.admin.get("/api/users/" + name);
		assertThat(response.statusCode()).isEqualTo(200);
		return Http.json(response);
	}

	/** A socket whose first write carries the header in front of it, as one segment. */
	private static final class HeaderFirstSocket extends Socket {

		private final byte[] header;

		private boolean sent;

		HeaderFirstSocket(byte[] header) {
			this.header = header;
		}

		@Override
		public OutputStream getOutputStream() throws IOException {
			OutputStream out = super.getOutputStream();
			return new OutputStream() {

				@Override
				public void write(int b) throws IOException {
					write(new byte[] { (byte) b }, 0, 1);
				}

				@Override
				public void write(byte[] bytes, int offset, int length) throws IOException {
					if (!HeaderFirstSocket.this.sent) {
						HeaderFirstSocket.this.sent = true;
						byte[] both = ProxyHeaders.concat(HeaderFirstSocket.this.header,
								java.util.Arrays.copyOfRange(bytes, offset, offset + length));
						out.write(both);
						return;
					}
					out.write(bytes, offset, length);
				}

				@Override
				public void flush() throws IOException {
					out.flush();
				}

			};
		}

	}

	private double proxiedHeaders() {
		return this.registry.get("chat.proxy.headers").tag("outcome", "proxied").counter().count();
	}

}
