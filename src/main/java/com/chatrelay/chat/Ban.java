package com.chatrelay.chat;

import java.time.Instant;

/**
 * A ban of a user name (and every name confusable with it) or of an address range: exactly one of
 * {@code name} and {@code address} is set.
 *
 * @param id unique among the bans of this process
 * @param name the banned name as given, or null
 * @param address the banned address or CIDR block as given, or null
 * @param reason what the banned user reads, sanitized; null for none
 * @param createdAt when it was made
 * @param expiresAt when it ends, or null for never
 */
public record Ban(String id, String name, String address, String reason, Instant createdAt, Instant expiresAt) {

	/** Whether it is in force at {@code now}. */
	boolean activeAt(Instant now) {
		return this.expiresAt == null || now.isBefore(this.expiresAt);
	}

	/** The name or the address: what is banned. */
	public String target() {
		return (this.name != null) ? this.name : this.address;
	}

}
