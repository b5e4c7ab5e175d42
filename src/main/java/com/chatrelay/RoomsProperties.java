package com.chatrelay;

import com.chatrelay.chat.RoomName;
import com.chatrelay.chat.RoomSettings;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * Rooms ({@code chat.rooms.*}, SPEC §9).
 * @param defaultRoom the room every user is in after the handshake, without {@code #} (1 to 32
 * letters, digits, {@code _}, {@code -}, {@code .}); it always exists and cannot be closed
 * @param maxRooms rooms at most, the default room included; past it a new room gets
 * {@code [SERVER] error: too many rooms on this server}, counted in
 * {@code chat_rooms_joins_refused_total} (label {@code limit="max_rooms"}); rooms with members on this replica:
 * gauge {@code chat_rooms}
 * @param maxPerUser rooms one user may be in at once, the default room included; past it
 * {@code [SERVER] error: you are in too many rooms (max <n>)}, counted in
 * {@code chat_rooms_joins_refused_total} (label {@code limit="max_per_user"})
 */
public record RoomsProperties(@Name("default") @DefaultValue("lobby") @NotNull String defaultRoom,
		@DefaultValue("10000") @Positive int maxRooms, @DefaultValue("20") @Positive int maxPerUser) {

	@AssertTrue(message = "chat.rooms.default must be a room name without '#': 1 to 32 letters, digits, '_', '-' or '.', at least one letter or digit")
	public boolean isDefaultRoomValid() {
		return this.defaultRoom == null || RoomName.problem(this.defaultRoom) == null;
	}

	/** The settings as the chat service takes them. */
	public RoomSettings settings() {
		return new RoomSettings(this.defaultRoom, this.maxRooms, this.maxPerUser);
	}

}
