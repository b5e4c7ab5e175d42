package com.chatrelay.chat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The most recent closed connections, newest first, at most {@code capacity} of them, kept so
 * that one client address cannot flush out everybody else's:
 * <ul>
 * <li>connections that never had a name (refused at connect, closed in the handshake) are one
 * entry per address, reason and detail, with a count: a reconnect storm is one line;</li>
 * <li>one address holds at most {@code perAddress} entries; past it its own oldest goes.</li>
 * </ul>
 * Addresses are counted as the per-address limits count them (an IPv6 client by its /64).
 */
final class DisconnectLog {

	private final int capacity;

	private final int perAddress;

	// all guarded by this
	private long sequence;

	/** Oldest first, by the sequence number of the entry's last change. */
	private final LinkedHashMap<Long, Slot> slots = new LinkedHashMap<>();

	/** Each address's entries, oldest first. */
	private final Map<String, ArrayDeque<Slot>> byAddress = new HashMap<>();

	/** The counted entries (connections without a name) by address, reason and detail. */
	private final Map<List<String>, Slot> counted = new HashMap<>();

	DisconnectLog(int capacity, int perAddress) {
		this.capacity = capacity;
		this.perAddress = perAddress;
	}

	synchronized void add(DisconnectRecord record) {
		String address = ClientAddress.of(host(record.remoteAddress())).key();
		List<String> kind = (record.name() == null) ? List.of(address, record.reason(), Objects.toString(record.detail())) : null;
		Slot earlier = (kind != null) ? this.counted.get(kind) : null;
		if (earlier != null) {
			remove(earlier);
			record = earlier.record.andThen(record);
		}
		Slot slot = new Slot(++this.sequence, address, kind, record);
		this.slots.put(slot.sequence, slot);
		this.byAddress.computeIfAbsent(address, (unused) -> new ArrayDeque<>()).addLast(slot);
		if (kind != null) {
			this.counted.put(kind, slot);
		}
		if (this.byAddress.get(address).size() > this.perAddress) {
			remove(this.byAddress.get(address).peekFirst());
		}
		if (this.slots.size() > this.capacity) {
			remove(this.slots.values().iterator().next());
		}
	}

	synchronized List<DisconnectRecord> newestFirst() {
		List<DisconnectRecord> records = new ArrayList<>(this.slots.size());
		for (Slot slot : this.slots.values()) {
			records.add(slot.record);
		}
		Collections.reverse(records);
		return records;
	}

	// called with the lock held
	private void remove(Slot slot) {
		this.slots.remove(slot.sequence);
		ArrayDeque<Slot> ofAddress = this.byAddress.get(slot.address);
		ofAddress.remove(slot);
		if (ofAddress.isEmpty()) {
			this.byAddress.remove(slot.address);
		}
		if (slot.kind != null) {
			this.counted.remove(slot.kind, slot);
		}
	}

	/** The host of {@code host:port} (an IPv6 host has colons of its own: the port is after the last). */
	private static String host(String remoteAddress) {
		int colon = (remoteAddress != null) ? remoteAddress.lastIndexOf(':') : -1;
		return (colon > 0) ? remoteAddress.substring(0, colon) : String.valueOf(remoteAddress);
	}

	/** One entry; {@code kind} is its key among the counted ones, or null for a named user's. */
	private record Slot(long sequence, String address, List<String> kind, DisconnectRecord record) {
	}

}
