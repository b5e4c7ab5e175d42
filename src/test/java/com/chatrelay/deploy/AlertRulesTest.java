package com.chatrelay.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

import com.chatrelay.support.Promtool;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The alert rules pass promtool's checks and their unit tests (each alert fires when it should, and not before). */
class AlertRulesTest {

	private static final Path FILES = Path.of("helm", "chat-relay", "files");

	@Test
	void rulesAreValid() throws Exception {
		Promtool.Result check = Promtool.run(null, "check", "rules", FILES.resolve("chat-relay-alerts.yml").toString());
		assertThat(check.exitCode()).as(check.output()).isZero();
		assertThat(check.output()).contains("SUCCESS: 5 rules found");
	}

	@Test
	void everyRuleHasAPassingUnitTest() throws Exception {
		Promtool.Result test = Promtool.run(null, "test", "rules", FILES.resolve("chat-relay-alerts.test.yml").toString());
		assertThat(test.exitCode()).as(test.output()).isZero();
		String tests = Files.readString(FILES.resolve("chat-relay-alerts.test.yml"));
		for (String alert : new String[] { "ChatRelayDown", "ChatRelayNotReady", "ChatRelayConnectionsNearLimit",
				"ChatRelaySlowConsumersSpiking", "ChatRelayLatencyHigh" }) {
			assertThat(tests).contains("alertname: " + alert);
		}
	}

}
