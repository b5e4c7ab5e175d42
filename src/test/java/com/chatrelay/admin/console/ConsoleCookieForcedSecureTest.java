package com.chatrelay.admin.console;

import com.chatrelay.support.RelayTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code server.servlet.session.cookie.secure=true} makes the cookie {@code Secure} whatever the
 * request's scheme (behind a proxy whose forwarded headers the relay is not told to trust).
 */
@TestPropertySource(properties = { "chat.admin.username=operator", "chat.admin.password=forced-secret",
		"server.servlet.session.cookie.secure=true" })
class ConsoleCookieForcedSecureTest extends RelayTestBase {

	@LocalServerPort
	private int port;

	@Test
	void thePropertyMakesTheCookieSecureOverPlainHttp() {
		assertThat(LoginCookies.of("http://127.0.0.1:" + this.port, null, "operator", "forced-secret"))
			.allSatisfy((cookie) -> assertThat(cookie).contains("; Secure"));
	}

}
