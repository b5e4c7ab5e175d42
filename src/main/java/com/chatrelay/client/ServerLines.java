package com.chatrelay.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import com.chatrelay.chat.TextSanitizer;

/**
 * The server's lines, made safe to print: split at LF (a CR before it dropped), decoded as UTF-8
 * (invalid bytes become U+FFFD) and cleaned by the relay's own {@link TextSanitizer}, so no server
 * can send the terminal an escape sequence (clear the screen, retitle the window, ask the terminal
 * to type a cursor report into the input). A line longer than {@link #MAX_LINE_BYTES} is shown in
 * pieces, so a server cannot make the client's memory grow without bound.
 */
final class ServerLines {

	/** Far above the relay's own lines (a {@code /who} of 100 long names is about 13 KB). */
	static final int MAX_LINE_BYTES = 64 * 1024;

	private final InputStream in;

	private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

	ServerLines(InputStream in) {
		this.in = new BufferedInputStream(in);
	}

	/** The next line, clean; {@code null} once the server has closed (a last unterminated line is returned first). */
	String next() throws IOException {
		this.line.reset();
		int b;
		while ((b = this.in.read()) != -1) {
			if (b == '\n') {
				return clean(true);
			}
			this.line.write(b);
			if (this.line.size() == MAX_LINE_BYTES) {
				return clean(false);
			}
		}
		return (this.line.size() > 0) ? clean(false) : null;
	}

	private String clean(boolean terminated) {
		byte[] bytes = this.line.toByteArray();
		int length = bytes.length;
		if (terminated && length > 0 && bytes[length - 1] == '\r') {
			length--;
		}
		return TextSanitizer.clean(new String(bytes, 0, length, StandardCharsets.UTF_8));
	}

}
