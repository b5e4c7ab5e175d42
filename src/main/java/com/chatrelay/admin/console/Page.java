package com.chatrelay.admin.console;

import java.util.List;
import java.util.function.Predicate;

import com.chatrelay.admin.api.Paging;

/**
 * One page of a list the console shows (users, bans, audit): it asks for one page of what matches
 * its filter, so ten thousand users or bans cost a poll one page, never the whole list.
 *
 * @param total items in the list
 * @param matching items that match the filter
 * @param page the page number, from 0
 * @param size items per page
 * @param rows the items of this page, in the list's order
 * @param <T> what is listed
 */
record Page<T>(int total, int matching, int page, int size, List<T> rows) {

	/** The most rows a page may have. */
	static final int MAX_SIZE = 200;

	/** The page of the items that pass the filter. */
	static <T> Page<T> of(List<T> items, Predicate<? super T> filter, int page, int size) {
		List<T> matching = items.stream().filter(filter).toList();
		return new Page<>(items.size(), matching.size(), page, size, Paging.slice(matching, (long) page * size, size));
	}

}
