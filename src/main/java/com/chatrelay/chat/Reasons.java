package com.chatrelay.chat;

import org.jspecify.annotations.Nullable;

/** The one rule for kick and ban reasons: at most {@link #MAX_LENGTH} characters (code points). */
public final class Reasons {

	/** Longest reason of a kick or ban, in characters. */
	public static final int MAX_LENGTH = 200;

	private Reasons() {
	}

	/** @throws IllegalArgumentException when {@code reason} is too long, saying so */
	public static void check(@Nullable String reason) {
		if (reason != null && reason.codePointCount(0, reason.length()) > MAX_LENGTH) {
			throw new IllegalArgumentException("reason is longer than " + MAX_LENGTH + " characters");
		}
	}

}
