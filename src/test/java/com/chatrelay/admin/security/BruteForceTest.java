package com.chatrelay.admin.security;

import java.net.http.HttpResponse;
import java.time.Duration;

import com.chatrelay.support.Http;
import com.chatrelay.support.RelayTestBase;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guessing the admin password: ten wrong tries from one address lock it out with 429 and
 * Retry-After, even for the right password, counted and logged once; a forged X-Forwarded-For
 * does not get around it. Its own context: the lockout of 127.0.0.1 must not leak into other tests.
 */
// as on Kubernetes, where Spring Boot would otherwise believe X-Forwarded-For from any pod
@TestPropertySource(properties = { "chat.admin.username=guarded", "chat.admin.password=right-password",
		"spring.main.cloud-platform=kubernetes" })
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class BruteForceTest extends RelayTestBase {

	@LocalServerPort
	private int httpPort;

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private MeterRegistry registry;

	@Test
	void tenWrongPasswordsLockTheAddressOut(CapturedOutput output) {
		Http anonymous = Http.to(this.httpPort);
		Http right = anonymous.as("guarded", "right-password");
		assertThat(right.get("/api/stats").statusCode()).isEqualTo(200);
		double failuresBefore = failures();
		for (int i = 0; i < LoginGuard.MAX_FAILURES; i++) {
			// a new forged client address each time changes nothing: the guard counts the peer
			assertThat(anonymous.as("guarded", "guess-" + i).get("/api/stats", "X-Forwarded-For", "10.9.9." + i)
				.statusCode()).isEqualTo(401);
		}
		HttpResponse<String> refused = right.get("/api/stats");
		assertThat(refused.statusCode()).as("the right password during the lockout").isEqualTo(429);
		assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(Http.json(refused).get("status").asInt()).isEqualTo(429);
		long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
		assertThat(Duration.ofSeconds(retryAfter)).isBetween(Duration.ofSeconds(1), LoginGuard.LOCKOUT.plusSeconds(1));
		assertThat(Http.to(this.managementPort).get("/actuator/health").statusCode()).as("open endpoints stay open")
			.isEqualTo(200);
		assertThat(failures()).isEqualTo(failuresBefore + LoginGuard.MAX_FAILURES + 1);
		assertThat(output.getAll().lines().filter((line) -> line.contains("locked out"))).hasSize(1);
	}

	private double failures() {
		return this.registry.get("chat.admin.auth.failures").counter().count();
	}

}
