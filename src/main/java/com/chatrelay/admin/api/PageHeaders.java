package com.chatrelay.admin.api;

import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The headers of one page of a list the API answers as a plain JSON array: {@code X-Total-Count}
 * (how many match), and a {@code Link} (RFC 8288) to the next and previous pages.
 */
final class PageHeaders {

	static final String TOTAL_COUNT = "X-Total-Count";

	private PageHeaders() {
	}

	/**
	 * @param matching how many items the list has in all (after its filter)
	 * @param offset the first item of this page
	 * @param limit the items per page
	 */
	static HttpHeaders of(int matching, int offset, int limit) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(TOTAL_COUNT, Integer.toString(matching));
		StringBuilder link = new StringBuilder();
		if ((long) offset + limit < matching) {
			link.append(link(offset + limit, limit, "next"));
		}
		if (offset > 0) {
			link.append(link.isEmpty() ? "" : ", ").append(link(Math.max(0, offset - limit), limit, "prev"));
		}
		if (!link.isEmpty()) {
			headers.set(HttpHeaders.LINK, link.toString());
		}
		return headers;
	}

	private static String link(int offset, int limit, String rel) {
		String uri = ServletUriComponentsBuilder.fromCurrentRequest()
			.replaceQueryParam("offset", offset)
			.replaceQueryParam("limit", limit)
			.build()
			.toUriString();
		return "<" + uri + ">; rel=\"" + rel + "\"";
	}

}
