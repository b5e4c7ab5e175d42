package com.chatrelay.admin;

/** What an administrator did: the {@code action} of an audit entry. */
enum AuditAction {

	KICK, BAN, UNBAN, ANNOUNCE;

	/** As it appears in the API and the log. */
	String tag() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
