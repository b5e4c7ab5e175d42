package com.chatrelay.chat;

import java.util.List;

/**
 * A client's address as the per-address limits count it: the IPv4 address, or for IPv6 its /64,
 * since one client commonly holds a whole /64 and could otherwise come from a new address each time.
 */
final class ClientAddress {

	private static final int IPV6_CLIENT_PREFIX = 64;

	/** 4 or 16 bytes; null when the host is not a literal address (then it is its own key). */
	private final byte[] bytes;

	private final String key;

	private ClientAddress(byte[] bytes, String key) {
		this.bytes = bytes;
		this.key = key;
	}

	/** @param host a literal address as a socket reports it (an IPv6 zone is ignored) */
	static ClientAddress of(String host) {
		byte[] bytes = AddressRange.parseAddress(AddressRange.stripZone(host));
		if (bytes == null) {
			return new ClientAddress(null, host);
		}
		if (bytes.length == 4) {
			return new ClientAddress(bytes, (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff));
		}
		return new ClientAddress(bytes, new AddressRange(bytes, IPV6_CLIENT_PREFIX).toString());
	}

	/** The same for every connection of one client: {@code 203.0.113.7}, {@code 2001:db8:0:0:0:0:0:0/64}. */
	String key() {
		return this.key;
	}

	/** Whether one of the ranges holds the address itself (not its /64). */
	boolean in(List<AddressRange> ranges) {
		if (this.bytes == null) {
			return false;
		}
		for (AddressRange range : ranges) {
			if (range.contains(this.bytes)) {
				return true;
			}
		}
		return false;
	}

}
