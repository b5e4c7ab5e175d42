package com.chatrelay.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import com.chatrelay.chat.Ban;
import com.chatrelay.chat.Bans;
import com.chatrelay.chat.Cluster;
import com.chatrelay.chat.ClusterUnavailableException;
import com.chatrelay.chat.RoomName;
import com.chatrelay.chat.UserView;

/**
 * The cluster on Redis, as the room sees it: a facade over the parts {@link ClusterConfiguration}
 * builds. Names are leases ({@link NameLeases}); who is on the other replicas is kept from their
 * events ({@link ClusterDirectory}); lines and events go out through one bounded, batching
 * publisher ({@link ClusterPublisher}), a room's lines on the room's channel, which this replica
 * listens to while the room has members here ({@link RoomChannels}); bans live in a hash ({@link SharedBans}). Only a name claim
 * waits for Redis (within the claim wait), and an admin's kick for the user's replica; nothing else
 * on the relay path does.
 */
public class RedisCluster implements Cluster {

	/** How long a kick asked of another replica may take before the admin is answered anyway. */
	private static final Duration KICK_WAIT = Duration.ofSeconds(3);

	private final ReplicaIdentity replica;

	private final NameLeases leases;

	private final ClaimBreaker breaker;

	private final ClusterDirectory directory;

	private final ClusterPublisher publisher;

	private final SharedBans bans;

	private final Executor background;

	private final RoomChannels roomChannels;

	private final AtomicBoolean releaseQueued = new AtomicBoolean();

	/** @param background the heartbeat's thread, which also gives names back */
	RedisCluster(ReplicaIdentity replica, NameLeases leases, ClaimBreaker breaker, ClusterDirectory directory,
			ClusterPublisher publisher, SharedBans bans, Executor background, RoomChannels roomChannels) {
		this.roomChannels = roomChannels;
		this.replica = replica;
		this.leases = leases;
		this.breaker = breaker;
		this.directory = directory;
		this.publisher = publisher;
		this.bans = bans;
		this.background = background;
	}

	@Override
	public String replicaId() {
		return this.replica.id();
	}

	// ---- names ----

	@Override
	public boolean claim(List<String> keys) {
		return this.leases.claim(keys);
	}

	@Override
	public void release(List<String> keys) {
		keys.forEach(this.leases::release);
		if (this.releaseQueued.compareAndSet(false, true)) {
			this.background.execute(() -> {
				this.releaseQueued.set(false);
				this.leases.releasePendingQuietly();
			});
		}
	}

	// ---- who is where ----

	@Override
	public void joined(UserView user) {
		this.publisher.offer(new ClusterEvent(ClusterEvent.Type.JOINED, null, null, UserJson.write(user)));
	}

	@Override
	public void left(String name) {
		this.publisher.offer(new ClusterEvent(ClusterEvent.Type.LEFT, name, null, null));
	}

	@Override
	public void left(String name, byte[] notice) {
		this.publisher.offer(new ClusterEvent(ClusterEvent.Type.LEFT, name, notice, null));
	}

	@Override
	public void renamed(String oldName, UserView user, byte[] notice) {
		this.publisher.offer(new ClusterEvent(ClusterEvent.Type.RENAMED, oldName, notice, UserJson.write(user)));
	}

	@Override
	public List<UserView> remoteUsers() {
		return this.directory.users();
	}

	@Override
	public Optional<UserView> remoteUser(String name) {
		return this.directory.find(name);
	}

	@Override
	public int remoteUserCount() {
		return this.directory.userCount();
	}

	// ---- relaying ----

	@Override
	public void broadcast(byte[] line) {
		this.publisher.offer(ClusterEvent.line(line));
	}

	@Override
	public boolean sendPrivate(String name, byte[] line) {
		if (this.directory.find(name).isEmpty()) {
			return false;
		}
		if (!this.breaker.allowsClaims()) {
			// published into an outage it would be dropped (or arrive minutes late): the sender is told instead
			throw new ClusterUnavailableException("the other replicas cannot be reached now", null);
		}
		this.publisher.offer(new ClusterEvent(ClusterEvent.Type.PRIVATE, name, line, null));
		return true;
	}

	/** @throws ClusterUnavailableException when the user's replica did not confirm it in time (Redis gone) */
	@Override
	public boolean kick(String name, String reason) {
		if (this.directory.find(name).isEmpty()) {
			return false;
		}
		// answer once the user is gone, as for a local kick: their replica's leave event removes them here
		CompletableFuture<Void> gone = this.directory.whenGone(name);
		this.publisher.offer(new ClusterEvent(ClusterEvent.Type.KICK, name, null, reason));
		try {
			gone.get(KICK_WAIT.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			// told below
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.directory.stopWaiting(gone);
		}
		if (this.directory.find(name).isPresent()) {
			throw new ClusterUnavailableException("the replica of " + name + " did not confirm the kick within "
					+ KICK_WAIT.toSeconds() + " s", null);
		}
		return true;
	}

	// ---- rooms: a channel each, membership on the events channel ----

	@Override
	public void roomOccupied(RoomName room) {
		this.roomChannels.want(room.key());
	}

	@Override
	public void roomVacated(RoomName room) {
		this.roomChannels.drop(room.key());
	}

	@Override
	public void roomLine(RoomName room, boolean everywhere, byte[] line) {
		this.publisher.offer(ClusterEvent.roomLine(room.toString(), everywhere ? null : room.key(), line));
	}

	@Override
	public void roomJoined(String user, RoomName room, Instant createdAt) {
		this.publisher.offer(new ClusterEvent(ClusterEvent.Type.ROOM_JOINED, user, null,
				room + " " + createdAt.toEpochMilli()));
	}

	@Override
	public void roomParted(String user, RoomName room, byte[] notice) {
		this.publisher.offer(new ClusterEvent(ClusterEvent.Type.ROOM_PARTED, user, notice, room.toString()));
	}

	@Override
	public void roomClosed(RoomName room, byte[] notice) {
		this.publisher.offer(new ClusterEvent(ClusterEvent.Type.ROOM_CLOSED, null, notice, room.toString()));
	}

	// ---- bans ----

	@Override
	public void shareBan(Ban ban) {
		String entry = this.bans.add(ban);
		this.publisher.offer(new ClusterEvent(ClusterEvent.Type.BAN, null, null, entry));
	}

	@Override
	public Optional<Ban> unshareBan(String id) {
		Optional<Ban> ended = this.bans.remove(id);
		this.publisher.offer(new ClusterEvent(ClusterEvent.Type.UNBAN, id, null, null));
		return ended;
	}

	@Override
	public Optional<List<Bans.Shared>> sharedBans() {
		return Optional.of(this.bans.active());
	}

}
