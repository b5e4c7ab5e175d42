package com.chatrelay.admin.api;

import java.util.function.Predicate;

import com.chatrelay.chat.AddressRange;
import com.chatrelay.chat.Ban;

/**
 * Which bans a search finds: those whose id is it, whose name or address (or CIDR block, as text)
 * contains it ignoring case, and, for an address, the address bans whose block holds it (so
 * {@code 203.0.113.7} finds the ban of {@code 203.0.113.0/24}).
 */
public final class BanFilter {

	/** The longest search text. */
	public static final int MAX_LENGTH = 100;

	private BanFilter() {
	}

	public static Predicate<Ban> of(String query) {
		String needle = Search.needle(query);
		if (needle.isEmpty()) {
			return (ban) -> true;
		}
		boolean address = needle.indexOf('/') < 0 && isAddress(needle);
		return (ban) -> ban.id().equalsIgnoreCase(needle) || Search.contains(ban.name(), needle)
				|| Search.contains(ban.address(), needle)
				|| (address && ban.address() != null && AddressRange.parse(ban.address()).contains(needle));
	}

	private static boolean isAddress(String text) {
		try {
			AddressRange.parse(text);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
