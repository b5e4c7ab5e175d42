package com.chatrelay.chat;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One room: its name as created, when, and its members: those of this replica in two arrays (the
 * room is their active room, or not: the two forms of a line, SPEC §9) and those of other replicas
 * by name. The local members are one immutable snapshot replaced as a whole, so relaying a line
 * reads every member exactly once without a lock, even while a member's active room moves.
 * Changed only by {@link Rooms}, with its lock held.
 */
final class Room {

	/** Members of this replica: each session is in exactly one of the two arrays. */
	record Local(Session[] active, Session[] elsewhere) {

		int size() {
			return this.active.length + this.elsewhere.length;
		}

	}

	private static final Session[] NONE = new Session[0];

	private final RoomName name;

	private final boolean isDefault;

	private final byte[] linePrefix;

	private volatile Instant createdAt;

	private volatile Local local = new Local(NONE, NONE);

	/** By name; written under the rooms lock only, a concurrent map so that counting and listing need none. */
	private final ConcurrentHashMap<String, RemoteMember> remote = new ConcurrentHashMap<>();

	Room(RoomName name, Instant createdAt, boolean isDefault) {
		this.name = name;
		this.createdAt = createdAt;
		this.isDefault = isDefault;
		this.linePrefix = name.linePrefix();
	}

	/** The name it was created with. */
	RoomName name() {
		return this.name;
	}

	boolean isDefault() {
		return this.isDefault;
	}

	Instant createdAt() {
		return this.createdAt;
	}

	/** The members of this replica: never modified, safe to iterate. */
	Local local() {
		return this.local;
	}

	Collection<RemoteMember> remoteMembers() {
		return this.remote.values();
	}

	int localCount() {
		return this.local.size();
	}

	/** Members in the whole cluster. */
	int members() {
		return this.local.size() + this.remote.size();
	}

	/** A line of this room as a reader whose active room it is not reads it: {@code #ops <line>}. */
	byte[] prefixed(byte[] line) {
		byte[] prefixed = Arrays.copyOf(this.linePrefix, this.linePrefix.length + line.length);
		System.arraycopy(line, 0, prefixed, this.linePrefix.length, line.length);
		return prefixed;
	}

	// ---- called with the rooms lock held ----

	/** The cluster knows of an earlier creation than this replica's first sight of the room. */
	void createdNoLaterThan(Instant at) {
		if (at.isBefore(this.createdAt)) {
			this.createdAt = at;
		}
	}

	void add(Session session, boolean active) {
		Local now = this.local;
		this.local = active ? new Local(with(now.active, session), now.elsewhere)
				: new Local(now.active, with(now.elsewhere, session));
	}

	/** @return false when the session was not a member */
	boolean remove(Session session) {
		Local now = this.local;
		Session[] active = without(now.active, session);
		Session[] elsewhere = (active == now.active) ? without(now.elsewhere, session) : now.elsewhere;
		if (active == now.active && elsewhere == now.elsewhere) {
			return false;
		}
		this.local = new Local(active, elsewhere);
		return true;
	}

	/** Moves a member to the active or the other array in one step, so a line never reaches it twice or not at all. */
	void setActive(Session session, boolean active) {
		Local now = this.local;
		Session[] from = active ? now.elsewhere : now.active;
		Session[] rest = without(from, session);
		if (rest == from) {
			return; // not a member, or already in that array
		}
		this.local = active ? new Local(with(now.active, session), rest) : new Local(rest, with(now.elsewhere, session));
	}

	void addRemote(RemoteMember member) {
		this.remote.put(member.name(), member);
	}

	/** @return the member, or null when nobody elsewhere of that name was in the room */
	RemoteMember removeRemote(String memberName) {
		return this.remote.remove(memberName);
	}

	private static Session[] with(Session[] sessions, Session session) {
		Session[] grown = Arrays.copyOf(sessions, sessions.length + 1);
		grown[sessions.length] = session;
		return grown;
	}

	/** @return {@code sessions} itself when the session is not in it */
	private static Session[] without(Session[] sessions, Session session) {
		for (int i = 0; i < sessions.length; i++) {
			if (sessions[i] == session) {
				Session[] shrunk = new Session[sessions.length - 1];
				System.arraycopy(sessions, 0, shrunk, 0, i);
				System.arraycopy(sessions, i + 1, shrunk, i, sessions.length - i - 1);
				return shrunk;
			}
		}
		return sessions;
	}

	@Override
	public String toString() {
		return this.name.toString();
	}

}
