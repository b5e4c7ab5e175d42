package com.chatrelay.admin.security;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

import com.chatrelay.admin.console.ConsolePages;
import com.chatrelay.admin.errors.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationSuccessHandler;

/**
 * The console's login form: a try is a POST to {@link #LOGIN}; its handlers mark the outcome on the
 * request, since both outcomes are redirects. A locked-out browser gets a short page, anything else
 * the API's problem.
 */
final class FormLogin implements LoginChannel {

	static final String LOGIN = ConsolePages.LOGIN;

	private static final String OUTCOME = FormLogin.class.getName() + ".outcome";

	private static final String LOCKED_PAGE = "admin/locked.html";

	private final ProblemWriter problems;

	FormLogin(ProblemWriter problems) {
		this.problems = problems;
	}

	/** Goes to {@code target} after a good login, remembering that it was good. */
	static AuthenticationSuccessHandler succeeded(String target) {
		SimpleUrlAuthenticationSuccessHandler redirect = new SimpleUrlAuthenticationSuccessHandler(target);
		redirect.setAlwaysUseDefaultTargetUrl(true);
		return (request, response, authentication) -> {
			request.setAttribute(OUTCOME, Boolean.TRUE);
			redirect.onAuthenticationSuccess(request, response, authentication);
		};
	}

	/** Goes back to the form with an error after a bad login, remembering that it was bad. */
	static AuthenticationFailureHandler failed(String target) {
		SimpleUrlAuthenticationFailureHandler redirect = new SimpleUrlAuthenticationFailureHandler(target);
		return (request, response, exception) -> {
			request.setAttribute(OUTCOME, Boolean.FALSE);
			redirect.onAuthenticationFailure(request, response, exception);
		};
	}

	@Override
	public boolean triesCredentials(HttpServletRequest request) {
		return HttpMethod.POST.matches(request.getMethod()) && LOGIN.equals(request.getServletPath());
	}

	@Override
	public boolean failed(HttpServletRequest request, HttpServletResponse response) {
		return Boolean.FALSE.equals(request.getAttribute(OUTCOME));
	}

	@Override
	public void refuse(HttpServletRequest request, HttpServletResponse response, Duration lockedFor) throws IOException {
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		if (accept == null || !accept.contains(MediaType.TEXT_HTML_VALUE)) {
			this.problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS,
					"too many failed logins from your address; try again later");
			return;
		}
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setContentType(MediaType.TEXT_HTML_VALUE);
		response.setCharacterEncoding("UTF-8");
		try (InputStream page = new ClassPathResource(LOCKED_PAGE).getInputStream()) {
			page.transferTo(response.getOutputStream());
		}
	}

}
