package com.chatrelay.chat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address, or a CIDR block of them ({@code 203.0.113.7}, {@code 203.0.113.0/24},
 * {@code 2001:db8::/32}), matched on the address bytes under a prefix mask.
 * <p>
 * Only literal addresses: {@link InetAddress#getByName} would look a host name up in DNS, so the
 * text is checked first and reaches it only in a form that it parses without a lookup (an IPv6
 * literal in brackets, which it refuses rather than resolves when it is not one); IPv4 is turned
 * into its four bytes here.
 *
 * @param network the address with the bits past the prefix cleared
 * @param prefix how many leading bits must be equal
 */
public record AddressRange(byte[] network, int prefix) {

	private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

	/** Hex digits, colons, and dots for an IPv4 tail ({@code ::ffff:192.0.2.1}); no zone, no host name. */
	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

	public AddressRange {
		if ((network.length != 4 && network.length != 16) || prefix < 0 || prefix > network.length * 8) {
			throw new IllegalArgumentException("not an address with a prefix of 0 to its length in bits");
		}
		network = mask(network.clone(), prefix);
	}

	/**
	 * Parses an address or a CIDR block.
	 * @throws IllegalArgumentException when it is not a literal address, optionally with a prefix
	 * that fits it
	 */
	public static AddressRange parse(String text) {
		String trimmed = text.strip();
		int slash = trimmed.indexOf('/');
		byte[] address = parseAddress((slash < 0) ? trimmed : trimmed.substring(0, slash));
		if (address == null) {
			throw new IllegalArgumentException("not an IPv4 or IPv6 address: " + text);
		}
		int bits = address.length * 8;
		if (slash < 0) {
			return new AddressRange(address, bits);
		}
		String prefix = trimmed.substring(slash + 1);
		if (!prefix.matches("[0-9]{1,3}") || Integer.parseInt(prefix) > bits) {
			throw new IllegalArgumentException("the prefix length of " + text + " is not 0 to " + bits);
		}
		return new AddressRange(address, Integer.parseInt(prefix));
	}

	/** Whether this range holds the address, given as a literal (as a socket reports it); false for anything else. */
	public boolean contains(String host) {
		byte[] address = parseAddress(stripZone(host));
		return address != null && contains(address);
	}

	boolean contains(byte[] address) {
		return address.length == this.network.length && Arrays.equals(mask(address.clone(), this.prefix), this.network);
	}

	/** The bytes of a literal address (4 or 16; an IPv4-mapped IPv6 address gives 4), or null. */
	static byte[] parseAddress(String text) {
		if (text.startsWith("[") && text.endsWith("]")) {
			text = text.substring(1, text.length() - 1);
		}
		if (IPV4.matcher(text).matches()) {
			return ipv4(text);
		}
		if (IPV6.matcher(text).matches()) {
			try {
				// in brackets the JDK parses it as an IPv6 literal or throws; it never asks DNS
				return InetAddress.getByName("[" + text + "]").getAddress();
			}
			catch (UnknownHostException ex) {
				return null;
			}
		}
		return null;
	}

	private static byte[] ipv4(String text) {
		String[] parts = text.split("\\.");
		byte[] bytes = new byte[4];
		for (int i = 0; i < 4; i++) {
			if (parts[i].length() > 1 && parts[i].startsWith("0")) {
				return null; // 010: octal to some parsers, decimal to others
			}
			int value = Integer.parseInt(parts[i]);
			if (value > 255) {
				return null;
			}
			bytes[i] = (byte) value;
		}
		return bytes;
	}

	static String stripZone(String host) {
		int percent = host.indexOf('%');
		return (percent < 0) ? host : host.substring(0, percent);
	}

	private static byte[] mask(byte[] address, int prefix) {
		for (int i = 0; i < address.length; i++) {
			int bitsHere = Math.max(0, Math.min(8, prefix - i * 8));
			address[i] &= (byte) (0xFF << (8 - bitsHere));
		}
		return address;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof AddressRange range && this.prefix == range.prefix && Arrays.equals(this.network, range.network);
	}

	@Override
	public int hashCode() {
		return 31 * Arrays.hashCode(this.network) + this.prefix;
	}

	@Override
	public byte[] network() {
		return this.network.clone();
	}

	@Override
	public String toString() {
		try {
			return InetAddress.getByAddress(this.network).getHostAddress() + "/" + this.prefix;
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex); // 4 or 16 bytes: never
		}
	}

}
