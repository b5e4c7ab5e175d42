package com.chatrelay.chat;

import java.util.List;

/**
 * What the other replicas bring to this room (the cluster feature calls it): their users' lines,
 * private lines and kicks for users here, and the faults it noticed: a name of a user here that
 * another replica holds now, users of a replica that died.
 */
public final class ClusterInbox {

	private final ChatRoom room;

	private final Delivery delivery;

	private final Presence presence;

	private final Renames renames;

	ClusterInbox(ChatRoom room, Delivery delivery, Presence presence, Renames renames) {
		this.room = room;
		this.delivery = delivery;
		this.presence = presence;
		this.renames = renames;
	}

	/** A line another replica relayed to its users: this replica's users get it too. */
	public void line(byte[] line) {
		this.delivery.broadcastHere(line, null);
	}

	/** A private line from a user of another replica. @return false when nobody here has that name */
	public boolean privateLine(String name, byte[] line) {
		Session recipient = this.room.findByName(name);
		if (recipient == null) {
			return false;
		}
		this.delivery.sendPrivate(recipient, line);
		return true;
	}

	/** An admin on another replica kicked a user of this one. @return false when nobody here has that name */
	public boolean kick(String name, String reason) {
		return this.room.kickHere(name, reason);
	}

	/** Another replica holds this key of a name a user here had: that user becomes a guest, with a notice. */
	public void nameLost(String key) {
		this.renames.nameLost(key);
	}

	/** Users of another replica that died (or restarted): announced here as left, {@code (replica lost)}. */
	public void replicaLost(List<String> gone) {
		if (!this.presence.announces(this.presence.online() + gone.size())) {
			return;
		}
		String why = DisconnectReason.REPLICA_LOST.leaveText(null);
		for (String name : gone) {
			this.delivery.broadcastHere(Replies.left(name, why), null);
		}
	}

}
