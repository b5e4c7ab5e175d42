package com.chatrelay.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Real HTTP calls with the JDK client, optionally as the admin. */
public final class Http {

	private static final HttpClient CLIENT = HttpClient.newHttpClient();

	private static final ObjectMapper JSON = new ObjectMapper();

	private final String base;

	private final String authorization;

	private Http(String base, String authorization) {
		this.base = base;
		this.authorization = authorization;
	}

	public static Http to(int port) {
		return new Http("http://127.0.0.1:" + port, null);
	}

	public Http as(String user, String password) {
		String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		return new Http(this.base, "Basic " + token);
	}

	public HttpResponse<String> get(String path) {
		return send(request(path).GET());
	}

	/** A GET with extra headers: name, value, name, value... */
	public HttpResponse<String> get(String path, String... headers) {
		return send(request(path).headers(headers).GET());
	}

	public HttpResponse<String> delete(String path) {
		return send(request(path).DELETE());
	}

	public HttpResponse<String> postJson(String path, String body) {
		return send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
	}

	public static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + path));
		if (this.authorization != null) {
			builder.header("Authorization", this.authorization);
		}
		return builder;
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
