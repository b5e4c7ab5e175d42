package com.chatrelay.admin.api;

import java.util.Locale;

/** A search text, as {@code q} of the bans or the console's filters: a part of a text, ignoring case. */
public final class Search {

	private Search() {
	}

	/** The search text as typed, lower case, or empty for none. */
	public static String needle(String query) {
		return (query != null) ? query.strip().toLowerCase(Locale.ROOT) : "";
	}

	/** Whether the text contains the needle (already lower case), ignoring case; false for no text. */
	public static boolean contains(String text, String needle) {
		return text != null && text.toLowerCase(Locale.ROOT).contains(needle);
	}

}
