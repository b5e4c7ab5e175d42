package com.chatrelay.chat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The first names in {@code /who} order (case-insensitive) and how many there were, without sorting
 * everybody: a heap of at most {@code limit} names, so a {@code /who} among 10,000 users costs a pass
 * over them, not a sort of them and a view of each.
 */
final class FirstNames {

	private static final Comparator<String> BY_NAME = String.CASE_INSENSITIVE_ORDER;

	private final int limit;

	private final PriorityQueue<String> lastOnTop;

	private int count;

	FirstNames(int limit) {
		this.limit = limit;
		this.lastOnTop = new PriorityQueue<>(limit + 1, BY_NAME.reversed());
	}

	void add(String name) {
		this.count++;
		if (this.lastOnTop.size() < this.limit) {
			this.lastOnTop.add(name);
		}
		else if (BY_NAME.compare(name, this.lastOnTop.peek()) < 0) {
			this.lastOnTop.poll();
			this.lastOnTop.add(name);
		}
	}

	/** How many names were added. */
	int count() {
		return this.count;
	}

	/** The first {@code limit} names, sorted. */
	List<String> sorted() {
		List<String> first = new ArrayList<>(this.lastOnTop);
		first.sort(BY_NAME);
		return first;
	}

}
