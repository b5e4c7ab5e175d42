package com.chatrelay.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A browser's view of the console over plain HTTP: its own cookies, the login form, the page's CSRF token. */
public final class ConsoleSession {

	private static final Pattern FORM_TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final Pattern PAGE_TOKEN = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"");

	private final String base;

	private final HttpClient client;

	private String csrfToken;

	private String loginCookie;

	public ConsoleSession(int port) {
		this.base = "http://127.0.0.1:" + port;
		this.client = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
	}

	/** Submits the login form as a browser does, with the form's CSRF token; answers the POST's response. */
	public HttpResponse<String> submitLogin(String username, String password, String accept) {
		HttpResponse<String> form = get("/admin/login");
		assertThat(form.statusCode()).isEqualTo(200);
		return submitLogin(username, password, find(FORM_TOKEN, form.body()), accept);
	}

	/** Submits the login form with this CSRF token (a stale form's, say). */
	public HttpResponse<String> submitLogin(String username, String password, String csrfToken, String accept) {
		String body = "username=" + encode(username) + "&password=" + encode(password) + "&_csrf=" + encode(csrfToken);
		return send(HttpRequest.newBuilder(URI.create(this.base + "/admin/login")).header("Accept", accept)
			.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/** Logs in and loads the console page, keeping its CSRF token for the changes. */
	public ConsoleSession logIn(String username, String password) {
		HttpResponse<String> login = submitLogin(username, password, "text/html");
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/admin");
		this.loginCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
		HttpResponse<String> page = get("/admin");
		assertThat(page.statusCode()).isEqualTo(200);
		this.csrfToken = find(PAGE_TOKEN, page.body());
		return this;
	}

	/** The session cookie the login set (a new one: the session id changes at login), as the server sent it. */
	public String loginCookie() {
		return this.loginCookie;
	}

	public HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path)).GET());
	}

	/** A JSON POST with the page's CSRF token, or without one ({@code withToken} false). */
	public HttpResponse<String> postJson(String path, String json, boolean withToken) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
		if (withToken) {
			request.header("X-CSRF-TOKEN", this.csrfToken);
		}
		return send(request);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String find(Pattern pattern, String html) {
		Matcher matcher = pattern.matcher(html);
		assertThat(matcher.find()).as("%s in %s", pattern, html).isTrue();
		return matcher.group(1);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
