package com.chatrelay.admin.errors;

import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Spring MVC's RFC 9457 problems (in place of Boot's), with details that say what was wrong: the
 * unknown or duplicate field of a body, the field that is not valid, the path that does not exist.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return problem(ex, headers, status, request, BodyProblem.describe(ex));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String detail = ex.getBindingResult().getFieldErrors().stream()
			.map((error) -> "\"" + error.getField() + "\" " + error.getDefaultMessage())
			.sorted()
			.collect(Collectors.joining("; "));
		return problem(ex, headers, status, request, detail.isEmpty() ? "the request body is not valid" : detail);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String path = (request instanceof ServletWebRequest servlet) ? servlet.getRequest().getRequestURI()
				: "/" + ex.getResourcePath();
		// Spring no longer matches /api/stats/ to /api/stats, and neither does a strict API
		String hint = path.length() > 1 && path.endsWith("/") ? " (the paths have no trailing slash)" : "";
		return problem(ex, headers, status, request, "nothing at " + path + hint);
	}

	/** A client's mistake, answered with a 405 problem: not worth a WARN (Spring logs one per request). */
	@Override
	protected @Nullable ResponseEntity<Object> handleHttpRequestMethodNotSupported(
			HttpRequestMethodNotSupportedException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return handleExceptionInternal(ex, null, headers, status, request);
	}

	private @Nullable ResponseEntity<Object> problem(Exception ex, HttpHeaders headers, HttpStatusCode status,
			WebRequest request, String detail) {
		ProblemDetail body = createProblemDetail(ex, status, detail, null, null, request);
		body.setDetail(detail);
		return handleExceptionInternal(ex, body, headers, status, request);
	}

}
