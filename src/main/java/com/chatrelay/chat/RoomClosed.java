package com.chatrelay.chat;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** What closing a room did: its members of this replica, who have left it (each told by the caller). */
record RoomClosed(RoomCloseOutcome outcome, @Nullable Room room, List<Session> members) {

}
