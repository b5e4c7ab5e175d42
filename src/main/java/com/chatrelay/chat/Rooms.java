package com.chatrelay.chat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * Which rooms exist and who is in which (SPEC §9): the default room always, any other while it has
 * a member here or on another replica; joins (creating), parts, closes, within {@code max-rooms}
 * and {@code max-per-user}; each user's {@link Membership}. It queues no line itself: the callers do,
 * from what each change returns. Remote members are {@link RemoteRooms}'s part.
 * <p>
 * Threads: every change holds {@link #lock} (joins and parts are rare next to lines); reading a
 * user's active room or a room's members takes none. Lock order (docs/architecture.md): taken inside
 * a {@link Session}'s monitor, never while holding {@link Members}'s lock; under it only
 * {@link RoomJoined.Confirm} may queue a line to the joiner's connection, and {@link RoomOccupancy} is told.
 */
final class Rooms {

	final Object lock = new Object();

	private final RoomSettings settings;

	private final Clock clock;

	private final RoomOccupancy occupancy;

	private final Room defaultRoom;

	/** Every key of every room's name ({@link RoomName#keys}); written under the lock. */
	private final ConcurrentHashMap<String, Room> byKey = new ConcurrentHashMap<>();

	/** The rooms, each once; written under the lock. */
	private final Set<Room> rooms = ConcurrentHashMap.newKeySet();

	private final ConcurrentHashMap<Session, Membership> memberships = new ConcurrentHashMap<>();

	private final AtomicInteger occupiedHere = new AtomicInteger();

	private final RemoteRooms remote;

	Rooms(RoomSettings settings, Clock clock, RoomOccupancy occupancy) {
		this.settings = settings;
		this.clock = clock;
		this.occupancy = occupancy;
		this.defaultRoom = new Room(settings.defaultRoomName(), clock.instant(), true);
		file(this.defaultRoom);
		this.remote = new RemoteRooms(this);
	}

	Room defaultRoom() {
		return this.defaultRoom;
	}

	RoomSettings settings() {
		return this.settings;
	}

	/** The room of that name (or one confusable with it), or null. */
	@Nullable Room find(RoomName name) {
		for (String key : name.keys()) {
			Room room = this.byKey.get(key);
			if (room != null) {
				return room;
			}
		}
		return null;
	}

	/** Every room of the cluster (a snapshot of the moment, unsorted). */
	List<Room> all() {
		return new ArrayList<>(this.rooms);
	}

	/** Rooms in the whole cluster, the default room included. */
	int count() {
		return this.rooms.size();
	}

	/** Rooms with at least one member on this replica ({@code chat_rooms}). */
	int occupiedHere() {
		return this.occupiedHere.get();
	}

	/** A user's rooms and active room; {@link Membership#NONE} for a user not (or no longer) here. */
	Membership of(Session session) {
		return this.memberships.getOrDefault(session, Membership.NONE);
	}

	/** Every user here with their rooms, as of now (the cluster's snapshot of this replica). */
	Map<Session, Membership> localMemberships() {
		return Map.copyOf(this.memberships);
	}

	/** The room a plain line of this user goes to, or null. */
	@Nullable Room active(Session session) {
		return of(session).active();
	}

	/** The room of that name if the user is in it, else null. */
	@Nullable Room joined(Session session, RoomName name) {
		Room room = find(name);
		return (room != null && of(session).contains(room)) ? room : null;
	}

	/** A user finished the handshake: in the default room, which is active. */
	void enter(Session session) {
		synchronized (this.lock) {
			if (this.memberships.putIfAbsent(session, Membership.NONE.joined(this.defaultRoom)) == null) {
				add(this.defaultRoom, session);
			}
		}
	}

	/** {@code /join}: makes the room active, joining (and creating) it first when the user is not in it. */
	RoomJoined join(Session session, RoomName name, RoomJoined.Confirm confirm) {
		synchronized (this.lock) {
			Membership membership = this.memberships.get(session);
			if (membership == null) {
				return RoomJoined.refused(RoomJoined.Outcome.GONE);
			}
			Room room = find(name);
			if (room != null && membership.contains(room)) {
				activate(session, membership, room);
				this.memberships.put(session, membership.activated(room));
				return new RoomJoined(RoomJoined.Outcome.ACTIVATED, room, room.members());
			}
			if (membership.size() >= this.settings.maxPerUser()) {
				return RoomJoined.refused(RoomJoined.Outcome.TOO_MANY_FOR_USER);
			}
			if (room == null) {
				if (count() >= this.settings.maxRooms()) {
					return RoomJoined.refused(RoomJoined.Outcome.TOO_MANY_ROOMS);
				}
				room = new Room(name, this.clock.instant(), false);
				file(room);
			}
			activate(session, membership, null);
			confirm.confirm(room, room.members() + 1); // before the room's lines can reach the joiner
			add(room, session);
			this.memberships.put(session, membership.joined(room));
			return new RoomJoined(RoomJoined.Outcome.JOINED, room, room.members());
		}
	}

	/** {@code /part}: leaves the room of that name, or the active room when {@code name} is null. */
	RoomParted part(Session session, @Nullable RoomName name) {
		synchronized (this.lock) {
			Membership membership = of(session);
			Room room = (name == null) ? membership.active() : find(name);
			if (room == null && name == null) {
				return RoomParted.refused(RoomParted.Outcome.NO_ACTIVE_ROOM, null);
			}
			if (room == null || !membership.contains(room)) {
				return RoomParted.refused(RoomParted.Outcome.NOT_MEMBER, membership.active());
			}
			Membership left = leave(session, membership, room);
			this.memberships.put(session, left);
			dropIfEmpty(room);
			return new RoomParted(RoomParted.Outcome.LEFT, room, room.members(), left.active());
		}
	}

	/** The user is gone: out of every room. @return the rooms they were in, oldest first */
	List<Room> leaveAll(Session session) {
		synchronized (this.lock) {
			Membership membership = this.memberships.remove(session);
			if (membership == null) {
				return List.of();
			}
			for (Room room : membership.rooms()) {
				removeLocal(room, session);
				dropIfEmpty(room);
			}
			return membership.rooms();
		}
	}

	/** An administrator closes a room: every member leaves it; the default room cannot be closed. */
	RoomClosed close(RoomName name) {
		synchronized (this.lock) {
			Room room = find(name);
			if (room == null) {
				return new RoomClosed(RoomCloseOutcome.NO_SUCH_ROOM, null, List.of());
			}
			if (room.isDefault()) {
				return new RoomClosed(RoomCloseOutcome.DEFAULT_ROOM, room, List.of());
			}
			Room.Local local = room.local();
			List<Session> members = new ArrayList<>(local.size());
			members.addAll(List.of(local.active()));
			members.addAll(List.of(local.elsewhere()));
			for (Session member : members) {
				this.memberships.computeIfPresent(member, (unused, membership) -> leave(member, membership, room));
			}
			this.remote.forget(room);
			dropIfEmpty(room);
			return new RoomClosed(RoomCloseOutcome.CLOSED, room, members);
		}
	}

	// ---- with the lock held (also for RemoteRooms) ----

	/** Files a new room under every key of its name. */
	void file(Room room) {
		this.rooms.add(room);
		for (String key : room.name().keys()) {
			this.byKey.putIfAbsent(key, room);
		}
	}

	/** Forgets a room other than the default once nobody, here or elsewhere, is in it. */
	void dropIfEmpty(Room room) {
		if (!room.isDefault() && room.members() == 0) {
			for (String key : room.name().keys()) {
				this.byKey.remove(key, room);
			}
			this.rooms.remove(room);
		}
	}

	private Membership leave(Session session, Membership membership, Room room) {
		Membership left = membership.without(room);
		removeLocal(room, session);
		if (left.active() != null && left.active() != membership.active()) {
			left.active().setActive(session, true);
		}
		return left;
	}

	/** Moves the user's active room: the old one (if any) sees them elsewhere, {@code room} (if not null) active. */
	private static void activate(Session session, Membership membership, @Nullable Room room) {
		if (membership.active() != null && membership.active() != room) {
			membership.active().setActive(session, false);
		}
		if (room != null) {
			room.setActive(session, true);
		}
	}

	private void add(Room room, Session session) {
		room.add(session, true);
		if (room.localCount() == 1) {
			this.occupiedHere.incrementAndGet();
			this.occupancy.occupied(room);
		}
	}

	private void removeLocal(Room room, Session session) {
		if (room.remove(session) && room.localCount() == 0) {
			this.occupiedHere.decrementAndGet();
			this.occupancy.vacated(room);
		}
	}

	RemoteRooms remote() {
		return this.remote;
	}

}
