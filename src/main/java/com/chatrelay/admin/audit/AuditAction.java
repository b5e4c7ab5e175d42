package com.chatrelay.admin.audit;

import java.util.Locale;

/** What an administrator did: the {@code action} of an audit entry. */
public enum AuditAction {

	KICK, BAN, UNBAN, ANNOUNCE,

	/** An administrator closed a room (SPEC §9). */
	CLOSE_ROOM;

	// one string per action, shared by every entry the trail keeps (100,000 of them by default)
	private final String tag = name().toLowerCase(Locale.ROOT);

	/** As it appears in the API and the log. */
	String tag() {
		return this.tag;
	}

}
