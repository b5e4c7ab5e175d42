package com.chatrelay.chat;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A room's name (SPEC §9): {@code #} and 1 to 32 characters under {@link NameSyntax#ROOM_NAMES},
 * kept in NFC as spelled, compared like user names ({@link NameRules#keys}: case, NFKC, UTS #39
 * skeletons), so {@code #OPS}, {@code #ops} and {@code #оps} with a Cyrillic о are one room.
 * Equal when their first keys are; {@link Rooms} matches on every key ({@link #sameAs}).
 */
public final class RoomName {

	private final String text;

	private final List<String> keys;

	private RoomName(String text) {
		this.text = text;
		this.keys = NameRules.keys(text);
	}

	/** A room as typed in a command, {@code #} included. @return null when it is no valid room name */
	public static @Nullable RoomName parse(String typed) {
		return (typed.length() > 1 && typed.charAt(0) == '#') ? ofBare(typed.substring(1)) : null;
	}

	/** A room without its {@code #} (the configuration, an API path). @return null when invalid */
	public static @Nullable RoomName ofBare(String bare) {
		return (problem(bare) == null) ? new RoomName(NameSyntax.normalize(bare)) : null;
	}

	/** Why a name without its {@code #} is no room name (for the configuration's message), or null. */
	public static @Nullable String problem(String bare) {
		return NameSyntax.ROOM_NAMES.problem(bare);
	}

	/** The name without its {@code #}, in NFC, as spelled. */
	public String text() {
		return this.text;
	}

	/** The lookup key (see {@link NameRules#key}). */
	public String key() {
		return this.keys.get(0);
	}

	/** Every key; two names are one room when they share one (see {@link NameRules#keys}). */
	public List<String> keys() {
		return this.keys;
	}

	/** Whether the two are the same room name: equal when folded, or confusable. */
	public boolean sameAs(RoomName other) {
		return !Collections.disjoint(this.keys, other.keys);
	}

	/** {@code #ops } in UTF-8: what a line of this room starts with for a reader active elsewhere. */
	byte[] linePrefix() {
		return (this + " ").getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof RoomName name) && key().equals(name.key());
	}

	@Override
	public int hashCode() {
		return key().hashCode();
	}

	/** {@code #ops}: how the room is written everywhere. */
	@Override
	public String toString() {
		return "#" + this.text;
	}

}
