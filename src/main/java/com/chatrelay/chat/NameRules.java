package com.chatrelay.chat;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a user name may be: 1 to 32 letters, digits, '_', '-' or '.', Unicode letters and digits
 * included. Checked as received: a control character or a space makes a name invalid.
 */
final class NameRules {

	static final int MAX_LENGTH = 32;

	private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{N}_.\\-]+");

	private NameRules() {
	}

	/** @return why the name is not acceptable, or null when it is */
	static String problem(String name) {
		int length = name.codePointCount(0, name.length());
		if (length < 1 || length > MAX_LENGTH) {
			return "a name has 1 to " + MAX_LENGTH + " characters";
		}
		if (!ALLOWED.matcher(name).matches()) {
			return "a name may only contain letters, digits, '_', '-' and '.'";
		}
		return null;
	}

	/** The key under which names are unique: case-insensitive. */
	static String key(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

	/** Trims spaces and tabs only, so that other control characters still make a name invalid. */
	static String trim(String text) {
		int start = 0;
		int end = text.length();
		while (start < end && isBlank(text.charAt(start))) {
			start++;
		}
		while (end > start && isBlank(text.charAt(end - 1))) {
			end--;
		}
		return text.substring(start, end);
	}

	private static boolean isBlank(char c) {
		return c == '\t' || Character.isSpaceChar(c);
	}

}
