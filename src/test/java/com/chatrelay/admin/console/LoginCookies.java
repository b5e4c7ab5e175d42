package com.chatrelay.admin.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Logs in to the console as a browser does (the form, its CSRF token, the POST), with extra request
 * headers, over HTTP or HTTPS, and answers every session cookie the server set on the way.
 */
final class LoginCookies {

	private static final Pattern FORM_TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private LoginCookies() {
	}

	static List<String> of(String base, SSLContext tls, String user, String password, String... headers) {
		HttpClient.Builder builder = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER);
		if (tls != null) {
			builder.sslContext(tls);
		}
		HttpClient client = builder.build();
		HttpRequest.Builder form = HttpRequest.newBuilder(URI.create(base + "/admin/login")).GET();
		HttpResponse<String> page = send(client, headers(form, headers));
		Matcher token = FORM_TOKEN.matcher(page.body());
		assertThat(token.find()).as(page.body()).isTrue();
		String body = "username=" + encode(user) + "&password=" + encode(password) + "&_csrf=" + encode(token.group(1));
		// sent back by hand: a cookie store sends no Secure cookie to the plain-HTTP address this
		// test dials, but the browser, talking HTTPS to the proxy, does
		String session = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
		HttpRequest.Builder login = HttpRequest.newBuilder(URI.create(base + "/admin/login"))
			.header("Cookie", session)
			.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
		HttpResponse<String> loggedIn = send(client, headers(login, headers));
		assertThat(loggedIn.statusCode()).isEqualTo(302);
		assertThat(loggedIn.headers().firstValue("Location").orElseThrow()).endsWith("/admin");
		List<String> cookies = new ArrayList<>(page.headers().allValues("Set-Cookie"));
		cookies.addAll(loggedIn.headers().allValues("Set-Cookie"));
		assertThat(cookies).as("the login sets a new session cookie").anyMatch((cookie) -> cookie.startsWith("JSESSIONID="));
		return cookies;
	}

	private static HttpRequest headers(HttpRequest.Builder request, String... headers) {
		if (headers.length > 0) {
			request.headers(headers);
		}
		return request.build();
	}

	private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
