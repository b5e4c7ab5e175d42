package com.chatrelay.admin.security;

import java.io.IOException;
import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The brute-force guard in front of a login (HTTP Basic, or the console's form, see
 * {@link LoginChannel}): a locked-out address gets 429 with {@code Retry-After} without its password
 * being checked; every failed login is counted ({@code chat_admin_auth_failures_total}); a lockout is
 * logged once, as a WARN. Both channels share one {@link LoginGuard}, so guesses add up across them.
 */
final class LoginGuardFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(LoginGuardFilter.class);

	private final LoginGuard guard;

	private final LoginChannel channel;

	private final Counter failures;

	LoginGuardFilter(LoginGuard guard, LoginChannel channel, MeterRegistry registry) {
		this.guard = guard;
		this.channel = channel;
		this.failures = Counter.builder("chat.admin.auth.failures")
			.description("Admin requests with wrong credentials, and requests refused during a lockout")
			.register(registry);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String address = request.getRemoteAddr();
		boolean triesCredentials = this.channel.triesCredentials(request);
		Duration locked = triesCredentials ? this.guard.lockedFor(address) : null;
		if (locked != null) {
			this.failures.increment();
			response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, locked.toSeconds() + 1)));
			this.channel.refuse(request, response, locked);
			return;
		}
		chain.doFilter(request, response);
		if (!triesCredentials) {
			return;
		}
		if (this.channel.failed(request, response)) {
			this.failures.increment();
			if (this.guard.failed(address) == LoginGuard.Verdict.LOCKED_OUT) {
				logger.warn("admin logins from " + LoginGuard.clientKey(address) + " locked out for "
						+ LoginGuard.LOCKOUT.toSeconds() + " s after " + LoginGuard.MAX_FAILURES + " failures");
			}
		}
	}

}
