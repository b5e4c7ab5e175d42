package com.chatrelay.admin.security;

import java.io.IOException;
import java.time.Duration;

import com.chatrelay.admin.errors.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** HTTP Basic on every API call: a try is an {@code Authorization} header, a failure a 401. */
final class BasicLogin implements LoginChannel {

	private final ProblemWriter problems;

	BasicLogin(ProblemWriter problems) {
		this.problems = problems;
	}

	@Override
	public boolean triesCredentials(HttpServletRequest request) {
		return request.getHeader(HttpHeaders.AUTHORIZATION) != null;
	}

	@Override
	public boolean failed(HttpServletRequest request, HttpServletResponse response) {
		return response.getStatus() == HttpStatus.UNAUTHORIZED.value();
	}

	@Override
	public void refuse(HttpServletRequest request, HttpServletResponse response, Duration lockedFor) throws IOException {
		this.problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS,
				"too many failed logins from your address; try again later");
	}

}
