package com.chatrelay.admin.errors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.web.ErrorProperties;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.ModelAndView;

/**
 * Boot's {@code /error}, where an error that no handler answered ends up (an exception that escaped,
 * a {@code sendError} in a filter): an RFC 9457 problem for every API path and every client that
 * does not ask for HTML; a browser outside the API keeps Boot's page.
 */
final class ProblemErrorController extends BasicErrorController {

	private final ProblemWriter problems;

	ProblemErrorController(ErrorAttributes attributes, ErrorProperties properties, List<ErrorViewResolver> resolvers,
			ProblemWriter problems) {
		super(attributes, properties, resolvers);
		this.problems = problems;
	}

	@Override
	public @Nullable ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
		if (!ProblemWriter.isApi(originalPath(request))) {
			return super.errorHtml(request, response);
		}
		HttpStatus status = getStatus(request);
		try {
			this.problems.write(request, response, status, detail(status), originalPath(request));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return null;
	}

	@Override
	public ResponseEntity<Map<String, @Nullable Object>> error(HttpServletRequest request) {
		HttpStatus status = getStatus(request);
		Map<String, @Nullable Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", status.getReasonPhrase());
		problem.put("status", status.value());
		String detail = detail(status);
		if (detail != null) {
			problem.put("detail", detail);
		}
		problem.put("instance", originalPath(request));
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static @Nullable String detail(HttpStatus status) {
		// what went wrong inside is for the log (Tomcat logs the exception), not for the client
		return status.is5xxServerError() ? "the server could not handle the request; its log says why" : null;
	}

	private static String originalPath(HttpServletRequest request) {
		Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		return (path != null) ? path.toString() : request.getRequestURI();
	}

}
