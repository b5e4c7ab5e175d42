package com.chatrelay.admin.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Checks the admin password by comparing SHA-256 digests in constant time. The password is a
 * long secret held in memory (or generated), not a user's password at rest in a database, so a
 * deliberately slow hash would only make every API call cost 70 ms of CPU (a dashboard polling
 * once a second, or an attacker, would burn a core) without protecting anything.
 */
final class DigestPasswordEncoder implements PasswordEncoder {

	@Override
	public String encode(CharSequence raw) {
		return HexFormat.of().formatHex(digest(raw));
	}

	@Override
	public boolean matches(CharSequence raw, String encoded) {
		if (raw == null || encoded == null) {
			return false;
		}
		byte[] expected;
		try {
			expected = HexFormat.of().parseHex(encoded);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		return MessageDigest.isEqual(digest(raw), expected);
	}

	private static byte[] digest(CharSequence raw) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(raw.toString().getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JDK has SHA-256", ex);
		}
	}

}
