package com.chatrelay.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import com.chatrelay.chat.Ban;
import com.chatrelay.chat.Bans;
import com.chatrelay.chat.ChatMetrics;
import com.chatrelay.chat.Cluster;
import com.chatrelay.chat.ClusterUnavailableException;
import com.chatrelay.chat.UserView;
import com.chatrelay.logging.QuietLog;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The cluster on Redis, as the room sees it. Names are leases ({@link NameLeases}); who is on the
 * other replicas is kept here from their events ({@link ClusterDirectory}); lines and events go
 * out through one bounded, batching publisher ({@link ClusterPublisher}); bans live in a hash
 * ({@link SharedBans}). Only a name claim waits for Redis (within the command timeout); nothing
 * else on the relay path does.
 */
public class RedisCluster implements Cluster {

	/** How long a kick asked of another replica may take before the admin is answered anyway. */
	private static final Duration KICK_WAIT = Duration.ofSeconds(3);

	static final byte[] CHANNEL = RedisKeys.CHANNEL.getBytes(StandardCharsets.UTF_8);

	private static final TypeReference<List<UserView>> USERS = new TypeReference<>() {
	};

	private final StringRedisTemplate redis;

	private final String replicaId;

	/** Which start of this replica: a restart with the same id is a new incarnation, the old one's leases are stale. */
	private final String incarnation = UUID.randomUUID().toString().substring(0, 13);

	private final ObjectMapper json = new ObjectMapper();

	private final NameLeases leases;

	private final ClusterDirectory directory = new ClusterDirectory();

	private final ClusterPublisher publisher;

	private final SharedBans bans;

	/** Shared by the parts that talk to Redis: see {@link QuietLog}. */
	private final QuietLog redisFailures = new QuietLog(LogFactory.getLog(RedisCluster.class), QuietLog.Detail.MESSAGE);

	private final Executor background;

	private final AtomicBoolean releaseQueued = new AtomicBoolean();

	private volatile Supplier<List<UserView>> localUsers = List::of;

	/**
	 * @param leaseTime how long a name stays taken without renewal
	 * @param rebuildTime how long claims wait after Redis lost the names, while every replica re-asserts its own
	 * @param background the heartbeat's thread, which also gives names back
	 * @param claimWait longest wait of the reading thread for a name claim
	 */
	public RedisCluster(StringRedisTemplate redis, String replicaId, Duration leaseTime, Duration rebuildTime,
			int publishQueue, ChatMetrics metrics, Executor background, Duration claimWait) {
		this.redis = redis;
		this.replicaId = replicaId;
		this.leases = new NameLeases(redis, replicaId, this.incarnation, leaseTime.toMillis(), rebuildTime.toMillis(),
				claimWait);
		this.bans = new SharedBans(redis, this.json);
		this.background = background;
		this.publisher = new ClusterPublisher(replicaId, this.incarnation, publishQueue, this::publish,
				() -> this.json.writeValueAsString(this.localUsers.get()), metrics,
				redisFailures(LogFactory.getLog(ClusterPublisher.class)));
	}

	/** Where a part of the cluster warns that Redis failed: quiet together with the other parts. */
	QuietLog redisFailures(Log logger) {
		return this.redisFailures.sharing(logger);
	}

	/** Where snapshots of this replica's users come from (the room, which is made after this). */
	void localUsers(Supplier<List<UserView>> users) {
		this.localUsers = users;
	}

	@Override
	public String replicaId() {
		return this.replicaId;
	}

	String incarnation() {
		return this.incarnation;
	}

	ClusterDirectory directory() {
		return this.directory;
	}

	NameLeases leases() {
		return this.leases;
	}

	ClusterPublisher publisher() {
		return this.publisher;
	}

	ObjectMapper json() {
		return this.json;
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
				releasePending();
			});
		}
	}

	void releasePending() {
		try {
			this.leases.releasePending();
		}
		catch (DataAccessException ex) {
			// kept for the heartbeat's next try; the leases expire by themselves anyway
		}
	}

	// ---- who is where ----

	@Override
	public void joined(UserView user) {
		this.publisher.offer(new ClusterEvent(ClusterEvent.Type.JOINED, null, null, this.json.writeValueAsString(user)));
	}

	@Override
	public void left(String name) {
		this.publisher.offer(new ClusterEvent(ClusterEvent.Type.LEFT, name, null, null));
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

	List<UserView> users(String snapshot) {
		return this.json.readValue(snapshot, USERS);
	}

	UserView user(String json) {
		return this.json.readValue(json, UserView.class);
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
		if (!this.leases.reachable()) {
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
		this.publisher.offer(new ClusterEvent(ClusterEvent.Type.KICK, name, null, reason));
		// answer once the user is gone, as for a local kick: their replica's leave event removes them here
		long deadline = System.nanoTime() + KICK_WAIT.toNanos();
		while (this.directory.find(name).isPresent() && System.nanoTime() < deadline) {
			try {
				TimeUnit.MILLISECONDS.sleep(5);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		if (this.directory.find(name).isPresent()) {
			throw new ClusterUnavailableException("the replica of " + name + " did not confirm the kick within "
					+ KICK_WAIT.toSeconds() + " s", null);
		}
		return true;
	}

	void send(ClusterEvent.Type type) {
		this.publisher.offer(ClusterEvent.of(type));
	}

	private void publish(byte[] message) {
		this.redis.execute((RedisCallback<Long>) (connection) -> publish(connection, message));
	}

	private static Long publish(RedisConnection connection, byte[] message) {
		return connection.publish(CHANNEL, message);
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

	Bans.Shared ban(String entry) {
		return this.bans.read(entry);
	}

	// ---- liveness ----

	/** Tells the others this incarnation is alive for {@code ttl}. */
	void markAlive(Duration ttl) {
		this.redis.opsForValue().set(RedisKeys.alive(this.replicaId), this.incarnation, ttl);
	}

	/** Leaves the cluster: the alive key goes at once (this replica's names are free to take over). */
	void markGone() {
		this.redis.delete(RedisKeys.alive(this.replicaId));
	}

}
