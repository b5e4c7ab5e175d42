package com.chatrelay.chat;

/**
 * Why a connection ended: one bounded metric label, one line in the logs and the admin API.
 */
public enum DisconnectReason {

	CLIENT("client"),
	QUIT("quit"),
	KICKED("kicked"),
	SLOW_CONSUMER("slow_consumer"),
	LINE_TOO_LONG("line_too_long"),
	SERVER_FULL("server_full"),
	HANDSHAKE_TIMEOUT("handshake_timeout"),
	IDLE("idle"),
	SHUTDOWN("shutdown"),
	ERROR("error"),
	TOO_MANY_FROM_ADDRESS("too_many_from_address"),
	/** A banned name or address: refused at connect or name claim, or disconnected when the ban was made. */
	BANNED("banned"),
	/** A user of another replica that died: counted by each replica that noticed it (that one cannot). */
	REPLICA_LOST("replica_lost");

	private final String tag;

	DisconnectReason(String tag) {
		this.tag = tag;
	}

	/** The value of the {@code reason} label in the metrics and the admin API. */
	public String tag() {
		return this.tag;
	}

	/** What the others see in parentheses after "left the chat", or null for nothing. */
	String leaveText(String detail) {
		return switch (this) {
			case CLIENT, SERVER_FULL, HANDSHAKE_TIMEOUT, SHUTDOWN, TOO_MANY_FROM_ADDRESS -> null;
			case BANNED -> (detail == null || detail.isBlank()) ? "banned" : "banned: " + detail;
			case REPLICA_LOST -> "replica lost";
			case QUIT -> detail;
			case KICKED -> (detail == null || detail.isBlank()) ? "kicked" : "kicked: " + detail;
			case SLOW_CONSUMER -> "slow consumer";
			case LINE_TOO_LONG -> "line too long";
			case IDLE -> "idle timeout";
			case ERROR -> (detail == null) ? "error" : detail;
		};
	}

}
