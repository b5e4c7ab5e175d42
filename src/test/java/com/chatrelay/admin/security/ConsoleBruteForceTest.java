package com.chatrelay.admin.security;

import java.net.http.HttpResponse;

import com.chatrelay.support.ConsoleSession;
import com.chatrelay.support.Http;
import com.chatrelay.support.RelayTestBase;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guessing the password on the console's form counts like guessing it on the API: ten wrong tries lock
 * the address out of both (429 with Retry-After, a page for a browser). Its own context: the lockout of
 * 127.0.0.1 must not leak into other tests.
 */
@TestPropertySource(properties = { "chat.admin.username=operator", "chat.admin.password=right-password" })
@DirtiesContext
class ConsoleBruteForceTest extends RelayTestBase {

	@LocalServerPort
	private int httpPort;

	@Autowired
	private MeterRegistry registry;

	@Test
	void tenWrongPasswordsOnTheFormLockTheAddressOutOfTheFormAndTheApi() {
		ConsoleSession browser = new ConsoleSession(this.httpPort);
		double failuresBefore = failures();
		for (int i = 0; i < LoginGuard.MAX_FAILURES; i++) {
			HttpResponse<String> wrong = browser.submitLogin("operator", "guess-" + i, "text/html");
			assertThat(wrong.statusCode()).isEqualTo(302);
			assertThat(wrong.headers().firstValue("Location").orElseThrow()).endsWith("/admin/login?error");
		}
		HttpResponse<String> locked = browser.submitLogin("operator", "right-password", "text/html,*/*;q=0.8");
		assertThat(locked.statusCode()).as("the right password during the lockout").isEqualTo(429);
		assertThat(Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 61L);
		assertThat(locked.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
		assertThat(locked.body()).contains("Too many failed logins from your address");
		HttpResponse<String> script = browser.submitLogin("operator", "right-password", "application/json");
		assertThat(script.statusCode()).isEqualTo(429);
		assertThat(script.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(Http.to(this.httpPort).as("operator", "right-password").get("/api/stats").statusCode())
			.as("one guard for the form and the API").isEqualTo(429);
		assertThat(failures()).isEqualTo(failuresBefore + LoginGuard.MAX_FAILURES + 3);
	}

	private double failures() {
		return this.registry.get("chat.admin.auth.failures").counter().count();
	}

}
