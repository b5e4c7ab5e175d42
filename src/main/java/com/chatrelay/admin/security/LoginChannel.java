package com.chatrelay.admin.security;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * One way of presenting the admin credentials (HTTP Basic on the API, the console's login form):
 * how {@link LoginGuardFilter} recognizes a try, whether it failed, and how it refuses a locked-out address.
 */
interface LoginChannel {

	/** Whether this request presents credentials (a guessing attacker's request does). */
	boolean triesCredentials(HttpServletRequest request);

	/** After the request was handled: the credentials were wrong. */
	boolean failed(HttpServletRequest request, HttpServletResponse response);

	/** Answers 429 to a locked-out address ({@code Retry-After} is already set), without checking the password. */
	void refuse(HttpServletRequest request, HttpServletResponse response, Duration lockedFor) throws IOException;

}
