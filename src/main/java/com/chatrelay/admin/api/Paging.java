package com.chatrelay.admin.api;

import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Lists a page at a time: the rows of one page, and the answer the API gives for it, a plain JSON array
 * with {@code X-Total-Count} (how many match) and a {@code Link} (RFC 8288) to the next and previous pages.
 */
public final class Paging {

	static final String TOTAL_COUNT = "X-Total-Count";

	private Paging() {
	}

	/** The items from {@code offset}, at most {@code limit} of them (fewer at the end of the list, none past it). */
	public static <T> List<T> slice(List<T> items, long offset, int limit) {
		int from = (int) Math.min(offset, items.size());
		int to = (int) Math.min(items.size(), (long) from + limit);
		return List.copyOf(items.subList(from, to));
	}

	/**
	 * A 200 with the rows of a page and its headers.
	 * @param matching how many items the list has in all (after its filter)
	 * @param offset the first item of this page
	 * @param limit the items per page
	 */
	static <T> ResponseEntity<List<T>> answer(List<T> rows, int matching, int offset, int limit) {
		return ResponseEntity.ok().headers(headers(matching, offset, limit)).body(rows);
	}

	private static HttpHeaders headers(int matching, int offset, int limit) {
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
