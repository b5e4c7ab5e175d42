package com.chatrelay.chat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Applies the {@link Bans} to the room: refuses a banned address at connect and a banned name when
 * it is claimed (handshake or {@code /nick}), and disconnects whoever a new ban matches at once.
 * <p>
 * A ban made while a user is between the name check and the join is not seen by that user's
 * handshake; the sweep over the sessions right after the ban is added catches them.
 */
public final class BanEnforcement {

	private final ChatRoom room;

	private final Bans bans;

	BanEnforcement(ChatRoom room, Bans bans) {
		this.room = room;
		this.bans = bans;
	}

	// ---- for operators ----

	/**
	 * Bans a name or an address and disconnects the users it matches: they read
	 * {@code you are banned: <reason>}, the others see {@code (banned: <reason>)}.
	 * @throws IllegalArgumentException for a bad name, address, reason or duration (see {@link Bans#add})
	 */
	public Ban ban(String name, String address, String reason, Duration duration) {
		Ban ban = this.bans.add(name, address, reason, duration);
		byte[] notice = Replies.server(youAreBanned(ban));
		for (Session session : this.room.sessions()) {
			if (this.bans.matches(ban, session.name(), session.connection().remoteHost())) {
				this.room.disconnect(session, DisconnectReason.BANNED, ban.reason(), notice);
			}
		}
		return ban;
	}

	/** @return the ban that was ended, or empty when no active ban has that id */
	public Optional<Ban> unban(String id) {
		return this.bans.remove(id);
	}

	public List<Ban> active() {
		return this.bans.active();
	}

	public Optional<Ban> find(String id) {
		return this.bans.find(id);
	}

	// ---- for the room ----

	/** The last line for a connection from a banned address, or null when it may connect. */
	byte[] refusal(ClientConnection connection) {
		Ban ban = this.bans.forAddress(connection.remoteHost());
		return (ban != null) ? Replies.error(youAreBanned(ban)) : null;
	}

	/** Whether a ban covers this name (a guest name is skipped then, not refused). */
	boolean bansName(String name) {
		return this.bans.forName(name) != null;
	}

	/** Disconnects the session when the name it claims is banned. @return whether it did */
	boolean refusesName(Session session, String name) {
		Ban ban = this.bans.forName(name);
		if (ban == null) {
			return false;
		}
		this.room.disconnect(session, DisconnectReason.BANNED, ban.reason(), Replies.error(youAreBanned(ban)));
		return true;
	}

	private static String youAreBanned(Ban ban) {
		return (ban.reason() == null) ? "you are banned" : "you are banned: " + ban.reason();
	}

}
