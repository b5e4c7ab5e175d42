package com.chatrelay.chat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Literal addresses and CIDR blocks, IPv4 and IPv6, and nothing that would need DNS. */
class AddressRangeTest {

	@Test
	void aSingleIpv4AddressMatchesOnlyItself() {
		AddressRange range = AddressRange.parse("203.0.113.7");
		assertThat(range.prefix()).isEqualTo(32);
		assertThat(range.contains("203.0.113.7")).isTrue();
		assertThat(range.contains("203.0.113.8")).isFalse();
		assertThat(range.contains("2001:db8::1")).isFalse();
	}

	@Test
	void anIpv4BlockMatchesItsAddresses() {
		AddressRange range = AddressRange.parse("203.0.113.0/24");
		assertThat(range.contains("203.0.113.0")).isTrue();
		assertThat(range.contains("203.0.113.255")).isTrue();
		assertThat(range.contains("203.0.112.255")).isFalse();
		assertThat(range.contains("203.0.114.0")).isFalse();
		assertThat(AddressRange.parse("203.0.113.77/24")).isEqualTo(range).hasToString("203.0.113.0/24");
		AddressRange odd = AddressRange.parse("10.0.0.0/9");
		assertThat(odd.contains("10.127.255.255")).isTrue();
		assertThat(odd.contains("10.128.0.0")).isFalse();
	}

	@Test
	void edgePrefixes() {
		assertThat(AddressRange.parse("0.0.0.0/0").contains("198.51.100.1")).isTrue();
		assertThat(AddressRange.parse("0.0.0.0/0").contains("::1")).isFalse();
		assertThat(AddressRange.parse("198.51.100.1/32").contains("198.51.100.1")).isTrue();
		assertThat(AddressRange.parse("198.51.100.1/32").contains("198.51.100.0")).isFalse();
		assertThat(AddressRange.parse("::/0").contains("2001:db8::1")).isTrue();
		assertThat(AddressRange.parse("::/0").contains("127.0.0.1")).isFalse();
		assertThat(AddressRange.parse("2001:db8::1/128").contains("2001:db8::1")).isTrue();
		assertThat(AddressRange.parse("2001:db8::1/128").contains("2001:db8::2")).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> AddressRange.parse("198.51.100.1/33"));
		assertThatIllegalArgumentException().isThrownBy(() -> AddressRange.parse("2001:db8::/129"));
		assertThatIllegalArgumentException().isThrownBy(() -> AddressRange.parse("2001:db8::/-1"));
		assertThatIllegalArgumentException().isThrownBy(() -> AddressRange.parse("2001:db8::/"));
	}

	@Test
	void ipv6BlocksMatchInAnyNotation() {
		AddressRange range = AddressRange.parse("2001:db8::/32");
		assertThat(range.contains("2001:db8::1")).isTrue();
		assertThat(range.contains("2001:0db8:ffff:0:0:0:0:1")).isTrue();
		assertThat(range.contains("2001:db9::1")).isFalse();
		assertThat(AddressRange.parse("::1").contains("0:0:0:0:0:0:0:1")).isTrue();
		assertThat(AddressRange.parse("::1").contains("0:0:0:0:0:0:0:1%0")).as("with a zone, as a socket reports it").isTrue();
		assertThat(AddressRange.parse("[2001:db8::7]").contains("2001:db8::7")).isTrue();
	}

	@Test
	void anIpv4MappedAddressIsTheIpv4Address() {
		assertThat(AddressRange.parse("192.0.2.0/24").contains("::ffff:192.0.2.9")).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "localhost", "example.com", "example.com/24", "203.0.113", "203.0.113.7.1", "256.0.0.1",
			"010.0.0.1", "1:2:3", "2001:db8::1%eth0", "2001:db8::g", "", "/24", "203.0.113.7/x", " ", "::1::2",
			"203.0.113.7 /24", "xn--80ak6aa92e.com" })
	void anythingButALiteralAddressIsRefused(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> AddressRange.parse(text));
	}

	@Test
	void aHostNameNeverMatches() {
		assertThat(AddressRange.parse("127.0.0.1").contains("localhost")).isFalse();
	}

}
