package com.chatrelay.admin.console;

import com.chatrelay.support.RelayTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a proxy that ends TLS ({@code server.forward-headers-strategy=native}, a loopback proxy
 * being one of Tomcat's internal proxies): the cookie is {@code Secure} when the proxy says the
 * request came over HTTPS, and only then.
 */
@TestPropertySource(properties = { "chat.admin.username=operator", "chat.admin.password=proxy-secret",
		"server.forward-headers-strategy=native" })
class ConsoleCookieBehindProxyTest extends RelayTestBase {

	@LocalServerPort
	private int port;

	@Test
	void aLoginForwardedFromHttpsGetsASecureCookie() {
		assertThat(LoginCookies.of(base(), null, "operator", "proxy-secret", "X-Forwarded-Proto", "https"))
			.allSatisfy((cookie) -> assertThat(cookie).contains("; Secure").contains("HttpOnly"));
	}

	@Test
	void aLoginOverPlainHttpWithoutForwardedHeadersGetsNoSecureCookie() {
		assertThat(LoginCookies.of(base(), null, "operator", "proxy-secret"))
			.allSatisfy((cookie) -> assertThat(cookie).doesNotContain("Secure").contains("HttpOnly"));
	}

	@Test
	void aLoginForwardedFromPlainHttpGetsNoSecureCookie() {
		assertThat(LoginCookies.of(base(), null, "operator", "proxy-secret", "X-Forwarded-Proto", "http"))
			.allSatisfy((cookie) -> assertThat(cookie).doesNotContain("Secure"));
	}

	private String base() {
		return "http://127.0.0.1:" + this.port;
	}

}
