package com.chatrelay.admin.security;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.chatrelay.ChatRelayApplication;
import com.chatrelay.support.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** With no password configured, one is generated, logged once, and it works. */
@ExtendWith(OutputCaptureExtension.class)
class GeneratedPasswordTest {

	@Test
	void aGeneratedPasswordIsLoggedOnceAndAccepted(CapturedOutput output) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ChatRelayApplication.class)
			.run("--chat.tcp.port=0", "--server.port=0", "--management.server.port=0")) {
			Matcher generated = Pattern.compile("generated admin password for user 'admin': (\\S+)").matcher(output.getOut());
			assertThat(generated.find()).isTrue();
			String password = generated.group(1);
			assertThat(generated.find()).as("logged once").isFalse();
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			assertThat(Http.to(port).as("admin", password).get("/api/stats").statusCode()).isEqualTo(200);
			assertThat(Http.to(port).as("admin", password + "x").get("/api/stats").statusCode()).isEqualTo(401);
		}
	}

	@Test
	void aConfiguredPasswordIsNeverLogged(CapturedOutput output) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ChatRelayApplication.class)
			.run("--chat.tcp.port=0", "--server.port=0", "--management.server.port=0",
					"--chat.admin.password=do-not-print-me")) {
			assertThat(output.getAll()).doesNotContain("do-not-print-me").doesNotContain("generated admin password");
		}
	}

}
