package com.chatrelay.admin;

import java.util.List;
import java.util.Locale;

import com.chatrelay.chat.UserView;

/**
 * One page of the users table: the console asks for a page of the users whose name or address
 * contains its filter, so a room of ten thousand costs it one page, never the whole list.
 *
 * @param total users online
 * @param matching users that match the filter
 * @param page the page number, from 0
 * @param size users per page
 * @param rows the users of this page, sorted by name ignoring case
 */
record UserPage(int total, int matching, int page, int size, List<UserView> rows) {

	static final int MAX_SIZE = 200;

	/** @param users every user, sorted by name */
	static UserPage of(List<UserView> users, String filter, int page, int size) {
		List<UserView> matching = users;
		if (filter != null && !filter.isBlank()) {
			String needle = filter.strip().toLowerCase(Locale.ROOT);
			matching = users.stream().filter((user) -> contains(user.name(), needle) || contains(user.remoteAddress(), needle))
				.toList();
		}
		int from = (int) Math.min((long) page * size, matching.size());
		int to = Math.min(from + size, matching.size());
		return new UserPage(users.size(), matching.size(), page, size, List.copyOf(matching.subList(from, to)));
	}

	private static boolean contains(String text, String needle) {
		return text != null && text.toLowerCase(Locale.ROOT).contains(needle);
	}

}
