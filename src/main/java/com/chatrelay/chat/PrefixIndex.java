package com.chatrelay.chat;

import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Predicate;

/**
 * Values filed under address ranges, found by an address in as many hash lookups as there are
 * prefix lengths in use for its family (at most 33 for IPv4, 129 for IPv6), not one per range:
 * the address is masked to each such length and looked up as that range. Thread-safe.
 */
final class PrefixIndex<V> {

	private final MultiIndex<AddressRange, V> ranges = new MultiIndex<>();

	/** Values per prefix length, per family: only the lengths in use are looked up. */
	private final AtomicIntegerArray ipv4 = new AtomicIntegerArray(33);

	private final AtomicIntegerArray ipv6 = new AtomicIntegerArray(129);

	void add(AddressRange range, V value) {
		// counted before it is filed: a reader may look at a length that has nothing yet, never miss one
		counts(range.network().length).incrementAndGet(range.prefix());
		this.ranges.add(range, value);
	}

	void remove(AddressRange range, V value) {
		if (this.ranges.remove(range, value)) {
			counts(range.network().length).decrementAndGet(range.prefix());
		}
	}

	/**
	 * The first value filed under a range that holds the address, longest prefix first, that
	 * {@code usable} accepts (it may drop an expired value on the way), or null.
	 * @param address 4 or 16 bytes
	 */
	V find(byte[] address, Predicate<V> usable) {
		AtomicIntegerArray counts = counts(address.length);
		for (int prefix = counts.length() - 1; prefix >= 0; prefix--) {
			if (counts.get(prefix) == 0) {
				continue;
			}
			List<V> values = this.ranges.get(new AddressRange(address, prefix));
			for (V value : values) {
				if (usable.test(value)) {
					return value;
				}
			}
		}
		return null;
	}

	private AtomicIntegerArray counts(int addressLength) {
		return (addressLength == 4) ? this.ipv4 : this.ipv6;
	}

}
