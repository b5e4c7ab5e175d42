package com.chatrelay.admin.errors;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;

/**
 * Tomcat's own answer to a request it refused before the application saw it (a request line or
 * headers over {@code server.max-http-request-header-size}, a malformed URI): an RFC 9457 problem in
 * place of Tomcat's HTML page, like every other error of the HTTP port.
 */
final class ProblemReportValve extends ErrorReportValve {

	private final JsonMapper mapper;

	private final RefusedRequests refused;

	private final DataSize maxHeaderSize;

	ProblemReportValve(JsonMapper mapper, RefusedRequests refused, DataSize maxHeaderSize) {
		this.mapper = mapper;
		this.refused = refused;
		this.maxHeaderSize = maxHeaderSize;
		setShowReport(false);
		setShowServerInfo(false);
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		// as Tomcat's: only an error nothing has answered yet (Spring's /error answers the rest)
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean();
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		this.refused.count(RefusedRequest.MALFORMED);
		HttpStatus known = HttpStatus.resolve(status);
		ProblemDetail problem = ProblemDetail.forStatus(status);
		problem.setTitle((known != null) ? known.getReasonPhrase() : "Error");
		if (status == HttpStatus.BAD_REQUEST.value()) {
			problem.setDetail("the request is malformed, or its request line and headers are longer than the "
					+ this.maxHeaderSize.toKilobytes() + " KB the server accepts (server.max-http-request-header-size)");
		}
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(this.mapper.writeValueAsString(problem));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone or the response was committed after all: nothing left to tell
		}
	}

}
