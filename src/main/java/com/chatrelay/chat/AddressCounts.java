package com.chatrelay.chat;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Open connections per client address, against {@code chat.tcp.max-connections-per-address}: one
 * host cannot take the whole server. An address is forgotten when its last connection closes, so
 * memory follows the connections that are open.
 */
final class AddressCounts {

	private final int limit;

	private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

	/** @param limit connections per address; 0 counts nothing */
	AddressCounts(int limit) {
		this.limit = limit;
	}

	/** @return false when the address already has {@code limit} connections open (nothing is counted then) */
	boolean tryOpen(String address) {
		if (this.limit <= 0) {
			return true;
		}
		boolean[] admitted = new boolean[1];
		this.open.compute(address, (key, count) -> {
			int current = (count == null) ? 0 : count;
			admitted[0] = current < this.limit;
			return admitted[0] ? current + 1 : count;
		});
		return admitted[0];
	}

	/** A connection counted by {@link #tryOpen} closed. */
	void closed(String address) {
		if (this.limit <= 0) {
			return;
		}
		this.open.computeIfPresent(address, (key, count) -> (count <= 1) ? null : count - 1);
	}

}
