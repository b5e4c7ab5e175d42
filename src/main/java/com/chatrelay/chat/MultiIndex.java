package com.chatrelay.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Values filed under keys, several per key: a map of small immutable lists, so that a lookup
 * costs one hash lookup however many values there are, and readers never lock while a writer
 * changes it. Thread-safe.
 */
final class MultiIndex<K, V> {

	private final ConcurrentHashMap<K, List<V>> map = new ConcurrentHashMap<>();

	void add(K key, V value) {
		this.map.merge(key, List.of(value), (current, added) -> {
			List<V> both = new ArrayList<>(current.size() + 1);
			both.addAll(current);
			both.add(value);
			return List.copyOf(both);
		});
	}

	/** @return whether the value was filed under the key */
	boolean remove(K key, V value) {
		boolean[] removed = new boolean[1];
		this.map.computeIfPresent(key, (unused, current) -> {
			List<V> rest = new ArrayList<>(current);
			removed[0] = rest.remove(value);
			return rest.isEmpty() ? null : List.copyOf(rest);
		});
		return removed[0];
	}

	/** The values under the key (an immutable snapshot; empty for none). */
	List<V> get(K key) {
		return this.map.getOrDefault(key, List.of());
	}

	/** Keys with at least one value. */
	int keys() {
		return this.map.size();
	}

}
