package com.chatrelay.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.chatrelay.chat.Bans;
import com.chatrelay.chat.ChatServer;
import com.chatrelay.chat.UserView;
import com.chatrelay.logging.QuietLog;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;

/**
 * Hands what the other replicas publish to this replica: lines, private lines and kicks to the
 * server, joins, leaves and snapshots to the directory, the rooms' lines (from the events channel
 * and the room channels), joins, parts and snapshots to the rooms, bans to the room's bans. One
 * thread, so the events of one replica are applied in the order they were published.
 */
class ClusterListener implements MessageListener {

	private static final Log logger = LogFactory.getLog(ClusterListener.class);

	private final ChatServer server;

	private final ReplicaIdentity replica;

	private final ClusterDirectory directory;

	private final ClusterPublisher publisher;

	private final SharedBans bans;

	private final QuietLog failures = new QuietLog(logger, QuietLog.Detail.MESSAGE);

	/** Not hearing its own beats for this long means this replica was not subscribed (or was paused). */
	private final long deafNanos;

	ClusterListener(ChatServer server, ReplicaIdentity replica, ClusterDirectory directory, ClusterPublisher publisher,
			SharedBans bans, Duration heartbeatInterval) {
		this.server = server;
		this.replica = replica;
		this.directory = directory;
		this.publisher = publisher;
		this.bans = bans;
		this.deafNanos = heartbeatInterval.multipliedBy(3).toNanos();
	}

	@Override
	public void onMessage(Message message, byte[] pattern) {
		ClusterCodec.Batch batch;
		try {
			batch = ClusterCodec.decode(message.getBody());
		}
		catch (IllegalArgumentException ex) {
			logger.debug("ignored a message on the cluster channel that is not a batch of events: " + ex.getMessage());
			return;
		}
		long now = System.nanoTime();
		if (batch.replicaId().equals(this.replica.id())) {
			if (batch.incarnation().equals(this.replica.incarnation())) {
				long before = this.directory.ownHeardNanos();
				this.directory.ownHeard(now);
				if (before == 0 || now - before > this.deafNanos) {
					// subscribed at last (after the start, or a Redis restart): the others' snapshots say who is where
					this.publisher.offer(ClusterEvent.of(ClusterEvent.Type.HELLO));
				}
			}
			return;
		}
		if (this.directory.isLost(batch.replicaId())) {
			// back after a pause: its users are listed again from the snapshots this asks for
			this.publisher.offer(ClusterEvent.of(ClusterEvent.Type.HELLO));
		}
		List<UserView> gone = this.directory.heard(batch.replicaId(), batch.incarnation(), now);
		if (!gone.isEmpty()) {
			this.server.fromCluster().replicaLost(gone); // it restarted: the users of its previous run are gone
		}
		for (ClusterEvent event : batch.events()) {
			try {
				apply(batch.replicaId(), event);
			}
			catch (RuntimeException ex) {
				this.failures.warn("could not apply a " + event.type() + " event from replica " + batch.replicaId(), ex);
			}
		}
	}

	private void apply(String origin, ClusterEvent event) {
		switch (event.type()) {
			case LINE -> this.server.fromCluster().line(event.line());
			case PRIVATE -> this.server.fromCluster().privateLine(event.to(), event.line());
			case KICK -> this.server.fromCluster().kick(event.to(), event.text());
			case JOINED -> this.directory.joined(origin, UserJson.user(event.text()));
			case LEFT -> {
				this.directory.left(origin, event.to());
				this.server.fromCluster().rooms().left(event.to(), event.line());
			}
			case RENAMED -> {
				UserView renamed = UserJson.user(event.text());
				this.directory.left(origin, event.to());
				this.directory.joined(origin, renamed);
				this.server.fromCluster().rooms().renamed(event.to(), renamed.name(), event.line());
			}
			case ROOM_LINE -> this.server.fromCluster().rooms().line(event.to(), event.line());
			case ROOM_JOINED -> {
				int space = event.text().lastIndexOf(' ');
				this.server.fromCluster().rooms().joined(origin, event.to(), event.text().substring(0, space),
						Instant.ofEpochMilli(Long.parseLong(event.text().substring(space + 1))));
			}
			case ROOM_PARTED -> this.server.fromCluster().rooms().parted(event.to(), event.text(), event.line());
			case ROOM_CLOSED -> this.server.fromCluster().rooms().closed(event.text(), event.line());
			case ROOMS -> this.server.fromCluster().rooms().snapshot(origin, UserJson.rooms(event.text()));
			case SNAPSHOT -> {
				List<UserView> back = this.directory.snapshot(origin, UserJson.users(event.text()));
				if (!back.isEmpty()) {
					this.server.fromCluster().replicaBack(back);
				}
			}
			case HELLO -> this.publisher.offer(ClusterEvent.of(ClusterEvent.Type.SNAPSHOT)); // the newcomer learns who is here
			case BEAT -> {
			}
			case BYE -> this.directory.bye(origin);
			case BAN -> {
				Bans.Shared shared = this.bans.read(event.text());
				this.server.bans().enforce(shared.ban(), shared.order());
			}
			case UNBAN -> this.server.bans().lifted(event.to());
		}
	}

}
