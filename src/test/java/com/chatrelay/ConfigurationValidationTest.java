package com.chatrelay;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A bad {@code chat.*} value stops the service with a message that names the property. */
class ConfigurationValidationTest {

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"chat.tcp.port=70000 | chat.tcp.port",
			"chat.tcp.max-connections=0 | chat.tcp.max-connections",
			"chat.tcp.max-line-length=-1 | chat.tcp.max-line-length",
			"chat.tcp.handshake-timeout=0s | chat.tcp.handshake-timeout",
			"chat.tcp.proxy-protocol.enabled=true | chat.tcp.proxy-protocol.trusted-proxies must list at least one",
			"chat.tcp.proxy-protocol.trusted-proxies=localhost | chat.tcp.proxy-protocol.trusted-proxies must be IPv4",
			"chat.tcp.proxy-protocol.trusted-proxies=10.0.0.0/33 | chat.tcp.proxy-protocol.trusted-proxies must be IPv4",
			"chat.tcp.proxy-protocol.header-timeout=0s | chat.tcp.proxy-protocol.header-timeout must be positive",
			"chat.rate-limit.burst=0 | chat.rate-limit.burst",
			"chat.tcp.outbound-buffer=lots | chat.tcp.outbound-buffer",
			"chat.tcp.no-such-setting=1 | chat.tcp.no-such-setting",
			"chat.tcp.ssl.bundle=no-such-bundle | chat.tcp.ssl.bundle=no-such-bundle names no SSL bundle",
			"chat.tcp.ssl.bundle= | chat.tcp.ssl.bundle",
			"chat.tcp.connection-rate.per-second=0 | chat.tcp.connection-rate.per-second",
			"chat.tcp.connection-rate.burst=0 | chat.tcp.connection-rate.burst",
			"chat.tcp.connection-rate.tracked-addresses=5 | chat.tcp.connection-rate.tracked-addresses",
			"chat.tcp.connection-rate.exempt=10.0.0.0/8,intranet.example.com | chat.tcp.connection-rate.exempt",
			"chat.admin.audit-retention=999 | chat.admin.audit-retention",
			"chat.admin.audit-memory=100KB | chat.admin.audit-memory must be between 1MB and 4GB",
			"chat.rooms.default=#ops | chat.rooms.default must be a room name without '#'",
			"chat.rooms.default=a b | chat.rooms.default must be a room name",
			"chat.rooms.max-rooms=0 | chat.rooms.max-rooms",
			"chat.rooms.max-per-user=0 | chat.rooms.max-per-user" })
	void badValuesStopTheStart(String property, String named) {
		// command-line arguments: they win over application.yml, so the ports really are free ones
		List<String> args = new ArrayList<>(List.of("--" + property, "--server.port=0", "--management.server.port=0"));
		if (!property.startsWith("chat.tcp.port=")) {
			args.add("--chat.tcp.port=0");
		}
		assertThatThrownBy(() -> new SpringApplicationBuilder(ChatRelayApplication.class)
			.run(args.toArray(String[]::new))
			.close())
			.satisfies((ex) -> assertThat(normalized(rootMessages(ex))).contains(normalized(named)));
	}

	/** Spring names the property kebab-case in one message and camelCase in another. */
	private static String normalized(String text) {
		return text.replace("-", "").toLowerCase(java.util.Locale.ROOT);
	}

	private static String rootMessages(Throwable ex) {
		StringBuilder all = new StringBuilder();
		for (Throwable t = ex; t != null; t = t.getCause()) {
			all.append(t.getMessage()).append('\n');
		}
		return all.toString();
	}

}
