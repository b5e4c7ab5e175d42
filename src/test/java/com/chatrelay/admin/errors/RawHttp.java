package com.chatrelay.admin.errors;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * HTTP/1.1 written by hand on a socket: the request line goes out exactly as given (no client
 * normalizes {@code ..}, refuses {@code %zz} or a 100,000-character path), and the answer is read
 * as the server sent it.
 */
final class RawHttp {

	private static final ObjectMapper JSON = new ObjectMapper();

	private RawHttp() {
	}

	/** The answer: status, headers (names in lower case, the last of each), body. */
	record Answer(int status, Map<String, String> headers, String body) {

		String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

		JsonNode json() {
			return JSON.readTree(this.body);
		}

	}

	static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	/** Sends {@code method target} with the extra header lines and body, and reads until the server closes. */
	static Answer send(int port, String method, String target, String headers, byte[] body) {
		String head = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n"
				+ headers + ((body != null) ? "Content-Length: " + body.length + "\r\n" : "") + "\r\n";
		return exchange(port, head, (body != null) ? body : new byte[0]);
	}

	static Answer get(int port, String target, String headers) {
		return send(port, "GET", target, headers, null);
	}

	/** A chunked body in chunks of 8 KB, as a client that does not say the length up front sends it. */
	static Answer postChunked(int port, String target, String headers, byte[] body) {
		ByteArrayOutputStream chunked = new ByteArrayOutputStream();
		for (int offset = 0; offset < body.length; offset += 8192) {
			int length = Math.min(8192, body.length - offset);
			chunked.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
			chunked.write(body, offset, length);
			chunked.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
		}
		chunked.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		return exchange(port, "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n"
				+ headers + "Transfer-Encoding: chunked\r\n\r\n", chunked.toByteArray());
	}

	private static Answer exchange(int port, String head, byte[] body) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(head.getBytes(StandardCharsets.UTF_8));
			out.write(body);
			out.flush();
			return parse(socket.getInputStream().readAllBytes());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Answer parse(byte[] raw) throws IOException {
		String text = new String(raw, StandardCharsets.UTF_8);
		int end = text.indexOf("\r\n\r\n");
		if (end < 0) {
			throw new IOException("no complete answer: " + text);
		}
		String[] lines = text.substring(0, end).split("\r\n");
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
		}
		String body = text.substring(end + 4);
		if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			body = dechunk(body);
		}
		return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
	}

	private static String dechunk(String body) {
		StringBuilder plain = new StringBuilder();
		InputStream in = new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
		try {
			while (true) {
				String size = readLine(in);
				int length = Integer.parseInt(size.trim(), 16);
				if (length == 0) {
					return plain.toString();
				}
				plain.append(new String(in.readNBytes(length), StandardCharsets.UTF_8));
				readLine(in);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
			if (b != '\r') {
				line.append((char) b);
			}
		}
		return line.toString();
	}

}
