package com.chatrelay.admin.errors;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses an API body over {@code chat.admin.max-request-body} with a 413 problem, before it is read
 * into memory: by its {@code Content-Length}, or, for a chunked body, after reading one byte past the
 * limit. Runs after the security chain, so only the admin can make the relay read a body at all.
 */
final class RequestBodyLimitFilter extends OncePerRequestFilter {

	private final long limit;

	private final ProblemWriter problems;

	private final RefusedRequests refused;

	RequestBodyLimitFilter(DataSize limit, ProblemWriter problems, RefusedRequests refused) {
		this.limit = limit.toBytes();
		this.problems = problems;
		this.refused = refused;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !ProblemWriter.isApi(request.getRequestURI());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long length = request.getContentLengthLong();
		if (length > this.limit) {
			refuse(request, response);
			return;
		}
		boolean chunked = length < 0 && request.getHeader("Transfer-Encoding") != null;
		if (!chunked) {
			// Tomcat ends the body at its Content-Length, which is within the limit
			chain.doFilter(request, response);
			return;
		}
		byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, this.limit + 1));
		if (body.length > this.limit) {
			refuse(request, response);
			return;
		}
		chain.doFilter(new BufferedBody(request, body), response);
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
		this.refused.count(RefusedRequest.BODY_TOO_LARGE);
		this.problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "the request body is over "
				+ this.limit + " bytes (chat.admin.max-request-body)");
	}

	/** A chunked body already read (it is small: within the limit). */
	private static final class BufferedBody extends HttpServletRequestWrapper {

		private final byte[] body;

		BufferedBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("a buffered body is read blocking");
				}

			};
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

	}

}
