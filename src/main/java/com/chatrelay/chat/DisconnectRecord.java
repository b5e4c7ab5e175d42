package com.chatrelay.chat;

import java.time.Instant;

/**
 * One closed connection, as the admin API lists it; {@code reason} is the metric label value.
 * Connections of one address refused or closed before they had a name are one record: {@code count}
 * of them, the first at {@code connectedAt}, the last at {@code disconnectedAt} (see {@link DisconnectLog}).
 */
public record DisconnectRecord(String name, String remoteAddress, Instant connectedAt, Instant disconnectedAt,
		String reason, String detail, int count) {

	/** One connection. */
	public DisconnectRecord(String name, String remoteAddress, Instant connectedAt, Instant disconnectedAt, String reason,
			String detail) {
		this(name, remoteAddress, connectedAt, disconnectedAt, reason, detail, 1);
	}

	/** This record and a later one of the same kind, as one. */
	DisconnectRecord andThen(DisconnectRecord later) {
		return new DisconnectRecord(later.name, later.remoteAddress, this.connectedAt, later.disconnectedAt, later.reason,
				later.detail, this.count + later.count);
	}

}
