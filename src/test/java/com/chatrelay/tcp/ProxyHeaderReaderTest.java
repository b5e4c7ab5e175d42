package com.chatrelay.tcp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.chatrelay.tcp.ProxyHeaderReader.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.chatrelay.tcp.ProxyHeaders.concat;
import static org.assertj.core.api.Assertions.assertThat;

/** The PROXY header of a trusted proxy's connection, fed as the selector thread reads it. */
class ProxyHeaderReaderTest {

	private final List<Outcome> counted = new ArrayList<>();

	private final ProxyHeaderReader reader = new ProxyHeaderReader(Duration.ofSeconds(5), this.counted::add);

	@Test
	void aV1HeaderGivesTheClientsAddressAndKeepsTheNameLineAfterIt() {
		byte[] bytes = concat(ProxyHeaders.v1("203.0.113.7", 40000), ascii("alice\n"));
		assertThat(feed(bytes)).isEqualTo(Outcome.PROXIED);
		assertThat(this.reader.clientHost()).isEqualTo("203.0.113.7");
		assertThat(this.reader.clientPort()).isEqualTo(40000);
		assertThat(rest()).isEqualTo("alice\n");
	}

	@Test
	void aV1Tcp6HeaderGivesTheAddressAsASocketWritesIt() {
		assertThat(feed(ProxyHeaders.v1("2001:db8::7", 1234))).isEqualTo(Outcome.PROXIED);
		assertThat(this.reader.clientHost()).isEqualTo("2001:db8:0:0:0:0:0:7");
		assertThat(rest()).isEmpty();
	}

	@Test
	void aV1UnknownHeaderKeepsTheProxysAddress() {
		assertThat(feed(ascii("PROXY UNKNOWN\r\nbob\n"))).isEqualTo(Outcome.LOCAL);
		assertThat(this.reader.clientHost()).isNull();
		assertThat(rest()).isEqualTo("bob\n");
	}

	@Test
	void aV2HeaderWithTlvsGivesTheClientsAddressAndKeepsTheBytesAfterIt() {
		byte[] tlsRecord = { 0x16, 0x03, 0x01, 0x00, 0x05, 1, 2, 3, 4, 5 };
		assertThat(feed(concat(ProxyHeaders.v2("198.51.100.9", 5000, 40), tlsRecord))).isEqualTo(Outcome.PROXIED);
		assertThat(this.reader.clientHost()).isEqualTo("198.51.100.9");
		assertThat(this.reader.clientPort()).isEqualTo(5000);
		ByteBuffer rest = this.reader.rest();
		byte[] after = new byte[rest.remaining()];
		rest.get(after);
		assertThat(after).isEqualTo(tlsRecord);
	}

	@Test
	void aV2Ipv6Header() {
		assertThat(feed(ProxyHeaders.v2("2001:db8::1", 443, 0))).isEqualTo(Outcome.PROXIED);
		assertThat(this.reader.clientHost()).isEqualTo("2001:db8:0:0:0:0:0:1");
	}

	@Test
	void aV2LocalHeaderKeepsTheProxysAddress() {
		assertThat(feed(concat(ProxyHeaders.v2Local(), ascii("carol\n")))).isEqualTo(Outcome.LOCAL);
		assertThat(this.reader.clientHost()).isNull();
		assertThat(rest()).isEqualTo("carol\n");
	}

	@ParameterizedTest
	@ValueSource(strings = { "v1", "v2" })
	void aHeaderThatArrivesAByteAtATimeIsReadWhole(String version) {
		byte[] header = version.equals("v1") ? ProxyHeaders.v1("192.0.2.44", 7)
				: ProxyHeaders.v2("192.0.2.44", 7, 20);
		byte[] bytes = concat(header, ascii("dave\n"));
		for (int i = 0; i < header.length - 1; i++) {
			assertThat(this.reader.feed(bytes, i, 1)).as("after %d bytes", i + 1).isNull();
		}
		assertThat(this.reader.feed(bytes, header.length - 1, bytes.length - header.length + 1))
			.isEqualTo(Outcome.PROXIED);
		assertThat(this.reader.clientHost()).isEqualTo("192.0.2.44");
		assertThat(rest()).isEqualTo("dave\n");
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET / HTTP/1.1\r\nHost: x\r\n\r\n", "alice\nhello everybody\n",
			"PROXY TCP4 not-an-address 127.0.0.1 1 2\r\n", "PROXY TCP4 1.2.3.4 127.0.0.1 99999 2\r\n",
			"PROXY TCP9 1.2.3.4 127.0.0.1 1 2\r\n", "PROXY TCP4 1.2.3.4\r\n" })
	void bytesThatAreNoHeaderAreMalformed(String text) {
		assertThat(feed(ascii(text))).isEqualTo(Outcome.MALFORMED);
	}

	@Test
	void aV1LineLongerThanTheSpecAllowsIsMalformed() {
		assertThat(feed(ascii("PROXY TCP4 " + "1".repeat(120)))).isEqualTo(Outcome.MALFORMED);
	}

	@Test
	void aV2HeaderWithABadVersionIsMalformed() {
		byte[] header = ProxyHeaders.v2("192.0.2.1", 1, 0);
		header[12] = 0x31; // version 3
		assertThat(feed(header)).isEqualTo(Outcome.MALFORMED);
	}

	@Test
	void aV2HeaderPastTheTlvBoundIsRefusedBeforeItIsWhole() {
		byte[] header = ProxyHeaders.v2("192.0.2.1", 1, 60000);
		assertThat(this.reader.feed(header, 0, ProxyHeaderReader.MAX_HEADER_BYTES + 100)).isEqualTo(Outcome.MALFORMED);
	}

	@Test
	void aV2HeaderWithinTheTlvBoundIsRead() {
		assertThat(feed(ProxyHeaders.v2("192.0.2.1", 1, ProxyHeaderReader.MAX_TLV_BYTES))).isEqualTo(Outcome.PROXIED);
	}

	@Test
	void aHalfHeaderWaitsAndAnEndThenIsIncompleteWhileNothingAtAllIsAClose() {
		byte[] header = ProxyHeaders.v2("192.0.2.1", 1, 0);
		assertThat(this.reader.ended()).isEqualTo(Outcome.CLOSED);
		assertThat(this.reader.feed(header, 0, 20)).isNull();
		assertThat(this.reader.ended()).isEqualTo(Outcome.INCOMPLETE);
	}

	@Test
	void onlyTheFirstEndCountsSoTheDeadlineAndTheReaderNeverBothAct() {
		assertThat(this.reader.finish(Outcome.TIMEOUT)).isTrue();
		assertThat(this.reader.finish(Outcome.PROXIED)).isFalse();
		assertThat(this.counted).containsExactly(Outcome.TIMEOUT);
	}

	private Outcome feed(byte[] bytes) {
		return this.reader.feed(bytes, 0, bytes.length);
	}

	private String rest() {
		ByteBuffer rest = this.reader.rest();
		return new String(Arrays.copyOfRange(rest.array(), rest.arrayOffset() + rest.position(),
				rest.arrayOffset() + rest.limit()), StandardCharsets.US_ASCII);
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
