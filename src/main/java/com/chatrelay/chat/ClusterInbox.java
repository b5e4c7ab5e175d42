package com.chatrelay.chat;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the other replicas bring to this room (the cluster feature calls it): their users' lines,
 * private lines and kicks for users here, and the faults it noticed: a name of a user here that
 * another replica holds now, users of a replica that died.
 */
public final class ClusterInbox {

	private final NameRegistry names;

	private final Departures departures;

	private final Delivery delivery;

	private final Presence presence;

	private final Renames renames;

	private final ChatMetrics metrics;

	private final DisconnectLog disconnects;

	private final Clock clock;

	private final RoomInbox rooms;

	private final RoomRouting routing;

	ClusterInbox(NameRegistry names, Departures departures, Delivery delivery, Presence presence, Renames renames,
			ChatMetrics metrics, DisconnectLog disconnects, Clock clock, RoomInbox rooms, RoomRouting routing) {
		this.rooms = rooms;
		this.routing = routing;
		this.names = names;
		this.departures = departures;
		this.delivery = delivery;
		this.presence = presence;
		this.renames = renames;
		this.metrics = metrics;
		this.disconnects = disconnects;
		this.clock = clock;
	}

	/** A line another replica relayed to its users: this replica's users get it too. */
	public void line(byte[] line) {
		this.delivery.broadcastHere(line, null);
	}

	/** A private line from a user of another replica. @return false when nobody here has that name */
	public boolean privateLine(String name, byte[] line) {
		Session recipient = this.names.find(name);
		if (recipient == null) {
			return false;
		}
		this.delivery.sendPrivate(recipient, line);
		return true;
	}

	/** An admin on another replica kicked a user of this one. @return false when nobody here has that name */
	public boolean kick(String name, String reason) {
		return this.departures.kick(name, reason);
	}

	/** Another replica holds this key of a name a user here had: that user becomes a guest, with a notice. */
	public void nameLost(String key) {
		this.renames.nameLost(key);
	}

	/**
	 * Users of a replica that was counted as lost and speaks again (it was paused or cut off): the
	 * users here, who read that they left, read that they are back.
	 */
	public void replicaBack(List<UserView> back) {
		if (!this.presence.announces(this.presence.online())) {
			return;
		}
		for (UserView user : back) {
			this.delivery.broadcastHere(Replies.joined(user.name()), null);
		}
	}

	/**
	 * Users of another replica that died (or restarted): they leave its rooms, their former
	 * roommates here read {@code left the chat (replica lost)} (quiet-above per room), and recorded as closed for that reason (the replica that had them cannot), in the
	 * metrics and the recent disconnects of this replica.
	 */
	public void replicaLost(List<UserView> gone) {
		Instant now = this.clock.instant();
		for (UserView user : gone) {
			this.metrics.connectionClosed(DisconnectReason.REPLICA_LOST);
			this.disconnects.add(new DisconnectRecord(user.name(), user.remoteAddress(), user.connectedAt(), now,
					DisconnectReason.REPLICA_LOST.tag(), "replica " + user.replicaId()));
		}
		String why = DisconnectReason.REPLICA_LOST.leaveText(null);
		Set<String> replicas = new LinkedHashSet<>();
		for (UserView user : gone) {
			replicas.add(user.replicaId());
		}
		for (String replica : replicas) {
			this.rooms.replicaLost(replica).forEach((member, rooms) -> this.delivery
				.counted(this.routing.toFormerRoommates(rooms, Replies.left(member.name(), why))));
		}
	}

	/** What the other replicas bring to the rooms. */
	public RoomInbox rooms() {
		return this.rooms;
	}

}
