package com.chatrelay.chat;

import java.nio.charset.StandardCharsets;

/**
 * Turns received bytes into text that is safe to show on anybody's terminal: invalid UTF-8
 * becomes U+FFFD, control characters (C0 but TAB, DEL, C1, so ESC too) are removed.
 */
final class TextSanitizer {

	private TextSanitizer() {
	}

	/** Decodes UTF-8, replacing malformed input with U+FFFD (what {@link String} does). */
	static String decode(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	static String sanitize(byte[] bytes) {
		return removeControls(decode(bytes));
	}

	static String removeControls(String text) {
		int first = firstControl(text);
		if (first < 0) {
			return text;
		}
		StringBuilder clean = new StringBuilder(text.length());
		clean.append(text, 0, first);
		for (int i = first; i < text.length(); i++) {
			char c = text.charAt(i);
			if (!isControl(c)) {
				clean.append(c);
			}
		}
		return clean.toString();
	}

	private static int firstControl(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (isControl(text.charAt(i))) {
				return i;
			}
		}
		return -1;
	}

	private static boolean isControl(char c) {
		return (c < 0x20 && c != '\t') || (c >= 0x7F && c <= 0x9F);
	}

}
