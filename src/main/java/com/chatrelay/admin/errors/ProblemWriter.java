package com.chatrelay.admin.errors;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/** Writes an RFC 9457 problem from a servlet filter, where Spring MVC's error handling does not reach. */
public final class ProblemWriter {

	private final JsonMapper mapper;

	public ProblemWriter(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/** The API's paths and the console's calls: every error there is a problem, whoever asks. */
	static boolean isApi(String path) {
		return path != null && (path.equals("/api") || path.startsWith("/api/") || path.equals("/admin/api")
				|| path.startsWith("/admin/api/"));
	}

	public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
			throws IOException {
		write(request, response, status, detail, request.getRequestURI());
	}

	/** A problem about {@code instance} (the path first asked for, when answering on an error dispatch). */
	void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, @Nullable String detail,
			String instance) throws IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setInstance(uri(instance));
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		this.mapper.writeValue(response.getWriter(), problem);
	}

	/** The request's path as sent (still percent-encoded); none when it is not a URI at all. */
	private static @Nullable URI uri(String path) {
		try {
			return URI.create(path);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
