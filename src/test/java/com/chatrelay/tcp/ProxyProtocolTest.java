package com.chatrelay.tcp;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.chatrelay.support.Http;
import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static com.chatrelay.tcp.ProxyHeaders.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PROXY headers written by hand on real sockets: 127.0.0.1 is the trusted proxy, 127.0.0.2 a
 * direct client. (A real HAProxy in front: {@link HaproxyFrontTest}.)
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "chat.tcp.proxy-protocol.enabled=true",
		"chat.tcp.proxy-protocol.trusted-proxies=10.9.0.0/16, 127.0.0.1/32",
		"chat.tcp.proxy-protocol.header-timeout=1s", "chat.tcp.max-connections-per-address=2",
		"chat.admin.username=proxy-admin", "chat.admin.password=proxy-test-secret" })
class ProxyProtocolTest extends RelayTestBase {

	@LocalServerPort
	private int httpPort;

	@Autowired
	private MeterRegistry registry;

	private Http admin;

	@BeforeEach
	void admin() {
		this.admin = Http.to(this.httpPort).as("proxy-admin", "proxy-test-secret");
		this.admin.get("/api/stats"); // the servlet's start-up lines come now, not inside a test's log check
	}

	@Test
	void aV1HeaderAndTheNameInOnePacketLogInUnderTheClientsAddress() {
		try (TestClient alice = proxied(concat(ProxyHeaders.v1("203.0.113.7", 40001), ascii("alice\n")))) {
			alice.expectLine("Enter your name:");
			alice.awaitLine((line) -> line.startsWith("[SERVER] welcome, alice! "));
			assertThat(user("alice").get("remoteAddress").asString()).isEqualTo("203.0.113.7:40001");
		}
	}

	@Test
	void aV2HeaderSentInTwoHalvesLogsInUnderTheClientsAddress() {
		byte[] header = ProxyHeaders.v2("2001:db8::5", 40002, 40);
		try (TestClient bob = TestClient.connect(chatPort())) {
			double proxied = headers("proxied");
			bob.sendRaw(java.util.Arrays.copyOf(header, 20));
			// half a header is no header: nothing is decided while the rest is missing
			await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> headers("proxied") == proxied);
			bob.sendRaw(java.util.Arrays.copyOfRange(header, 20, header.length));
			bob.loginAs("bob");
			assertThat(user("bob").get("remoteAddress").asString()).isEqualTo("2001:db8:0:0:0:0:0:5:40002");
		}
	}

	@Test
	void aV2LocalHeaderKeepsTheProxysAddress() {
		double before = headers("local");
		try (TestClient carol = proxied(ProxyHeaders.v2Local())) {
			carol.loginAs("carol");
			assertThat(user("carol").get("remoteAddress").asString()).startsWith("127.0.0.1:");
		}
		assertThat(headers("local")).isEqualTo(before + 1);
	}

	@Test
	void theClientsAddressIsWhatAnAddressBanRefusesAtConnect() {
		String id = Http.json(this.admin.postJson("/api/bans",
				"{\"address\": \"203.0.113.66\", \"reason\": \"proxied troll\"}")).get("id").asString();
		try {
			try (TestClient troll = proxied(ProxyHeaders.v1("203.0.113.66", 5))) {
				troll.expectLine("[SERVER] error: you are banned: proxied troll");
				troll.expectClosed();
			}
			try (TestClient other = proxied(ProxyHeaders.v2("203.0.113.67", 6, 0))) {
				other.loginAs("other"); // the same proxy, another client
			}
		}
		finally {
			this.admin.delete("/api/bans/" + id);
		}
	}

	@Test
	void thePerAddressLimitCountsClientsNotTheProxy() {
		try (TestClient one = proxied(ProxyHeaders.v1("198.51.100.1", 1));
				TestClient two = proxied(ProxyHeaders.v2("198.51.100.1", 2, 0));
				TestClient elsewhere = proxied(ProxyHeaders.v1("198.51.100.2", 3))) {
			one.expectLine("Enter your name:");
			two.expectLine("Enter your name:");
			elsewhere.expectLine("Enter your name:"); // the proxy's third connection: not counted as the proxy's
			try (TestClient third = proxied(ProxyHeaders.v1("198.51.100.1", 4))) {
				third.expectLine("[SERVER] error: too many connections from your address");
				third.expectClosed();
			}
		}
	}

	@Test
	void aDirectClientsHeaderIsNotBelievedItIsJustItsFirstLine() {
		try (TestClient forger = TestClient.connectFrom("127.0.0.2", chatPort())) {
			forger.expectLine("Enter your name:");
			forger.sendRaw(ProxyHeaders.v1("203.0.113.99", 7));
			assertThat(forger.readLine()).startsWith("[SERVER] error: ");
			forger.expectLine("Enter your name:");
			forger.send("forger");
			forger.awaitLine((line) -> line.startsWith("[SERVER] welcome, forger! "));
			assertThat(user("forger").get("remoteAddress").asString()).startsWith("127.0.0.2:");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "garbage", "half", "none" })
	void aTrustedConnectionWithoutAWholeHeaderIsClosedForErrorAndLogsNothing(String what, CapturedOutput output) {
		int logStart = output.getAll().length();
		String outcome = switch (what) {
			case "garbage" -> "malformed";
			default -> "timeout";
		};
		double before = headers(outcome);
		long start = System.nanoTime();
		try (TestClient proxy = TestClient.connect(chatPort())) {
			switch (what) {
				case "garbage" -> proxy.sendRaw(ascii("hello there, I am no proxy\n"));
				case "half" -> proxy.sendRaw(java.util.Arrays.copyOf(ProxyHeaders.v2("192.0.2.1", 1, 0), 15));
				default -> {
				}
			}
			proxy.expectClosed(); // no prompt: the room never saw it
		}
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(took).isLessThan(Duration.ofSeconds(3)); // the 1 s header timeout, not the 60 s handshake one
		assertThat(headers(outcome)).isEqualTo(before + 1);
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			JsonNode last = Http.json(this.admin.get("/api/disconnects")).get(0);
			assertThat(last.get("reason").asString()).isEqualTo("error");
			assertThat(last.get("remoteAddress").asString()).startsWith("127.0.0.1:");
		});
		try (TestClient after = proxied(ProxyHeaders.v1("192.0.2.2", 2))) {
			after.loginAs("after-" + what); // the relay goes on
		}
		String logged = output.getAll().substring(logStart);
		assertThat(logged).doesNotContain(" WARN ").doesNotContain(" ERROR ").doesNotContain(" INFO ")
			.doesNotContain("Exception");
	}

	@Test
	void aHealthCheckThatConnectsAndClosesIsNoChatConnection() {
		double closedBefore = headers("closed");
		int disconnectsBefore = Http.json(this.admin.get("/api/disconnects")).size();
		TestClient.connect(chatPort()).close();
		await().atMost(Duration.ofSeconds(5)).until(() -> headers("closed") == closedBefore + 1);
		assertThat(Http.json(this.admin.get("/api/disconnects")).size()).isEqualTo(disconnectsBefore);
	}

	/** A connection from the trusted proxy that starts with these bytes. */
	private TestClient proxied(byte[] firstBytes) {
		TestClient client = TestClient.connect(chatPort());
		client.sendRaw(firstBytes);
		return client;
	}

	private JsonNode user(String name) {
		HttpResponse<String> response = this.admin.get("/api/users/" + name);
		assertThat(response.statusCode()).isEqualTo(200);
		return Http.json(response);
	}

	private double headers(String outcome) {
		return this.registry.get("chat.proxy.headers").tag("outcome", outcome).counter().count();
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
