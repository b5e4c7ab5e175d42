package com.chatrelay.admin.console;

import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestTls;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP port speaks TLS itself ({@code server.ssl}): the console's session cookie is {@code Secure}. */
@TestPropertySource(properties = { "chat.admin.username=operator", "chat.admin.password=tls-secret",
		"server.ssl.bundle=web", "spring.ssl.bundle.pem.web.keystore.certificate=classpath:tls/server1.crt",
		"spring.ssl.bundle.pem.web.keystore.private-key=classpath:tls/server1.key" })
class ConsoleCookieOverTlsTest extends RelayTestBase {

	@LocalServerPort
	private int port;

	@Test
	void aLoginOverHttpsGetsASecureCookie() {
		assertThat(LoginCookies.of("https://127.0.0.1:" + this.port, TestTls.clientContext(), "operator", "tls-secret"))
			.allSatisfy((cookie) -> assertThat(cookie).contains("; Secure").contains("HttpOnly").contains("SameSite=Lax"));
	}

}
