package com.chatrelay.chat;

/** Which room limit refused a {@code /join}: the values of one bounded metric label. */
public enum RoomLimit {

	/** {@code chat.rooms.max-per-user}: the user is in as many rooms as allowed. */
	MAX_PER_USER("max_per_user"),
	/** {@code chat.rooms.max-rooms}: the server has as many rooms as allowed. */
	MAX_ROOMS("max_rooms");

	private final String tag;

	RoomLimit(String tag) {
		this.tag = tag;
	}

	/** The value of the {@code limit} label in the metrics. */
	public String tag() {
		return this.tag;
	}

}
