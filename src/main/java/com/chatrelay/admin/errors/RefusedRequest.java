package com.chatrelay.admin.errors;

/**
 * Why the HTTP port refused a request before any operation saw it: the {@code reason} of
 * {@code chat_admin_requests_refused_total}. Each is answered with a problem.
 */
enum RefusedRequest {

	/** Tomcat could not take it: a request line or headers over the limit, or malformed. */
	MALFORMED("malformed"),

	/** Spring Security's firewall: a path with {@code ..}, {@code ;}, an encoded dot or slash, ... */
	FIREWALL("firewall"),

	/** A body over {@code chat.admin.max-request-body}. */
	BODY_TOO_LARGE("body_too_large");

	private final String tag;

	RefusedRequest(String tag) {
		this.tag = tag;
	}

	String tag() {
		return this.tag;
	}

}
