package com.chatrelay.chat;

/** What an administrator's close of a room did (SPEC §9): the admin API answers 204, 404 or 409 from it. */
public enum RoomCloseOutcome {

	/** Every member left it and read why. */
	CLOSED,

	/** No room of that name (or the name is no room name). */
	NO_SUCH_ROOM,

	/** The default room always exists. */
	DEFAULT_ROOM

}
