package com.chatrelay.chat;

import java.nio.charset.StandardCharsets;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;

/**
 * Turns received bytes into text that is safe to show on anybody's terminal: invalid UTF-8
 * becomes U+FFFD; control characters (C0 but TAB, DEL, C1, so ESC too), format characters (Cf)
 * and U+2028/U+2029 are removed; a lone surrogate (only a Java string can carry one) becomes U+FFFD.
 */
public final class TextSanitizer {

	private TextSanitizer() {
	}

	/** Decodes UTF-8, replacing malformed input with U+FFFD (what {@link String} does). */
	static String decode(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	static String sanitize(byte[] bytes) {
		return removeControls(decode(bytes));
	}

	/**
	 * Removes what could disguise or disrupt text on a terminal: control characters, Unicode format
	 * characters (category Cf: bidi overrides and isolates, zero-width characters) and the line and
	 * paragraph separators U+2028 and U+2029.
	 */
	static String removeControls(String text) {
		int first = firstRemovable(text);
		if (first < 0) {
			return text;
		}
		StringBuilder clean = new StringBuilder(text.length());
		clean.append(text, 0, first);
		for (int i = first; i < text.length();) {
			int codePoint = text.codePointAt(i);
			if (Character.isSurrogate(text.charAt(i)) && Character.charCount(codePoint) == 1) {
				clean.append('\uFFFD');
			}
			else if (!isRemoved(codePoint)) {
				clean.appendCodePoint(codePoint);
			}
			i += Character.charCount(codePoint);
		}
		return clean.toString();
	}

	private static int firstRemovable(String text) {
		for (int i = 0; i < text.length();) {
			int codePoint = text.codePointAt(i);
			if (isRemoved(codePoint) || Character.isSurrogate(text.charAt(i)) && Character.charCount(codePoint) == 1) {
				return i;
			}
			i += Character.charCount(codePoint);
		}
		return -1;
	}

	/** {@link #removeControls}, for text that did not come from a client: admin reasons and announcements. */
	public static String clean(String text) {
		return removeControls(text);
	}

	/**
	 * Whether the text shows nothing: only white space (NBSP and the other Unicode spaces included)
	 * and characters that render as nothing (default-ignorable ones such as the Hangul filler, and
	 * the blank Braille pattern).
	 */
	public static boolean isBlank(String text) {
		return text.codePoints().allMatch((codePoint) -> UCharacter.isUWhiteSpace(codePoint) || codePoint == 0x2800
				|| UCharacter.hasBinaryProperty(codePoint, UProperty.DEFAULT_IGNORABLE_CODE_POINT));
	}

	private static boolean isRemoved(int codePoint) {
		if (codePoint < 0x7F) {
			return codePoint < 0x20 && codePoint != '\t';
		}
		if (codePoint <= 0x9F) {
			return true; // DEL and C1
		}
		int type = Character.getType(codePoint);
		return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
	}

}
