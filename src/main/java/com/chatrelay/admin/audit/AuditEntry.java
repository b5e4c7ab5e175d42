package com.chatrelay.admin.audit;

import java.time.Instant;

/**
 * One admin action, as {@code GET /api/audit} shows it.
 *
 * @param at when
 * @param username the admin user who did it
 * @param remoteAddress where the request came from
 * @param action kick, ban, unban or announce
 * @param target the user, ban or nothing it was done to
 * @param detail the reason or the announced text
 */
public record AuditEntry(Instant at, String username, String remoteAddress, String action, String target, String detail) {

	/** The record, its Instant and the headers of its strings (the action's string is shared). */
	private static final long FIXED_BYTES = 100;

	/** A string's object and array headers. */
	private static final long STRING_BYTES = 40;

	/**
	 * The heap it takes, at most: 2 bytes a character (Latin-1 text takes one). Measured on JDK 17:
	 * a ban with a short reason 276 bytes (estimated 370), a 4,096-byte ASCII announcement 4.4 KB
	 * (estimated 8.4 KB).
	 */
	long estimatedBytes() {
		return FIXED_BYTES + bytes(this.username) + bytes(this.remoteAddress) + bytes(this.target) + bytes(this.detail);
	}

	private static long bytes(String text) {
		return (text != null) ? STRING_BYTES + 2L * text.length() : 0;
	}

}
