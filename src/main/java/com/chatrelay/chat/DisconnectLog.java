package com.chatrelay.chat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** The most recent closed connections, newest first, at most {@code capacity} of them. */
final class DisconnectLog {

	private final int capacity;

	// guarded by this
	private final ArrayDeque<DisconnectRecord> records;

	DisconnectLog(int capacity) {
		this.capacity = capacity;
		this.records = new ArrayDeque<>(capacity);
	}

	synchronized void add(DisconnectRecord record) {
		if (this.records.size() == this.capacity) {
			this.records.pollLast();
		}
		this.records.addFirst(record);
	}

	synchronized List<DisconnectRecord> newestFirst() {
		return new ArrayList<>(this.records);
	}

}
