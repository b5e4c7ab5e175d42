package com.chatrelay.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.chatrelay.chat.Ban;
import com.chatrelay.chat.Bans;
import com.chatrelay.chat.Cluster;
import com.chatrelay.chat.ClusterUnavailableException;
import com.chatrelay.chat.UserView;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.ObjectMapper;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;

/**
 * The cluster on Redis: names claimed in one hash, each replica's users in a hash of its own, a
 * heartbeat key per replica (a crashed replica's names become free again), and every relayed line
 * published on one pub/sub channel. Publishing happens on one thread of its own, in order, so the
 * relay path never waits for Redis; claiming a name does wait (it happens once per login).
 */
public class RedisCluster implements Cluster, AutoCloseable {

	private static final Log logger = LogFactory.getLog(RedisCluster.class);

	static final String PREFIX = "chat-relay:";

	static final String CHANNEL = PREFIX + "events";

	private static final String NAMES = PREFIX + "names";

	private static final String REPLICAS = PREFIX + "replicas";

	/** Every active ban: id to the ban and its place in the list (JSON); expired ones are dropped as met. */
	private static final String BANS = PREFIX + "bans";

	/** Numbers the bans in the order they were made, whichever replica made them. */
	private static final String BAN_ORDER = PREFIX + "bans:order";

	/** A replica whose heartbeat is older than this is gone, and its names are free. */
	static final Duration HEARTBEAT_TTL = Duration.ofSeconds(15);

	/** How long a kick asked of another replica may take before the admin is answered anyway. */
	private static final Duration KICK_WAIT = Duration.ofSeconds(3);

	private static final DefaultRedisScript<Long> RELEASE = new DefaultRedisScript<>(
			"if redis.call('hget', KEYS[1], ARGV[1]) == ARGV[2] then return redis.call('hdel', KEYS[1], ARGV[1]) end return 0",
			Long.class);

	private final StringRedisTemplate redis;

	private final String replicaId;

	private final ObjectMapper json = new ObjectMapper();

	private final ExecutorService publisher = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "chat-cluster-publisher");
		thread.setDaemon(true);
		return thread;
	});

	public RedisCluster(StringRedisTemplate redis, String replicaId) {
		this.redis = redis;
		this.replicaId = replicaId;
	}

	@Override
	public String replicaId() {
		return this.replicaId;
	}

	// ---- names ----

	@Override
	public boolean claim(String key) {
		if (Boolean.TRUE.equals(this.redis.opsForHash().putIfAbsent(NAMES, key, this.replicaId))) {
			return true;
		}
		Object owner = this.redis.opsForHash().get(NAMES, key);
		if (owner == null) {
			return Boolean.TRUE.equals(this.redis.opsForHash().putIfAbsent(NAMES, key, this.replicaId));
		}
		if (owner.equals(this.replicaId) || !alive(owner.toString())) {
			// ours already (the local room said it is free), or left behind by a replica that died
			this.redis.opsForHash().put(NAMES, key, this.replicaId);
			return true;
		}
		return false;
	}

	@Override
	public void release(String key) {
		this.redis.execute(RELEASE, List.of(NAMES), key, this.replicaId);
	}

	// ---- who is where ----

	@Override
	public void joined(UserView user) {
		String value = this.json.writeValueAsString(user);
		this.publisher.execute(() -> this.redis.opsForHash().put(usersKey(this.replicaId), key(user.name()), value));
	}

	@Override
	public void left(String name) {
		this.publisher.execute(() -> this.redis.opsForHash().delete(usersKey(this.replicaId), key(name)));
	}

	@Override
	public List<UserView> remoteUsers() {
		// the names hash is the truth about who is where; the user hashes may lag a moment behind it
		Map<Object, Object> owners = this.redis.opsForHash().entries(NAMES);
		List<UserView> users = new ArrayList<>();
		Set<String> replicas = this.redis.opsForSet().members(REPLICAS);
		for (String replica : (replicas != null) ? replicas : Set.<String>of()) {
			if (!replica.equals(this.replicaId) && alive(replica)) {
				for (Object value : this.redis.opsForHash().values(usersKey(replica))) {
					UserView user = this.json.readValue(value.toString(), UserView.class);
					if (replica.equals(owners.get(key(user.name())))) {
						users.add(user);
					}
				}
			}
		}
		return users;
	}

	@Override
	public Optional<UserView> remoteUser(String name) {
		String owner = remoteOwner(name);
		if (owner == null) {
			return Optional.empty();
		}
		Object value = this.redis.opsForHash().get(usersKey(owner), key(name));
		return Optional.ofNullable(value).map((text) -> this.json.readValue(text.toString(), UserView.class));
	}

	// ---- bans ----

	@Override
	public void shareBan(Ban ban) {
		Bans.Shared shared = stored(() -> {
			Long order = this.redis.opsForValue().increment(BAN_ORDER);
			Bans.Shared entry = new Bans.Shared(ban, (order != null) ? order : 0);
			this.redis.opsForHash().put(BANS, ban.id(), this.json.writeValueAsString(entry));
			return entry;
		});
		publish(new ClusterEvent(this.replicaId, ClusterEvent.BAN, null, null, null, shared));
	}

	@Override
	public Optional<Ban> unshareBan(String id) {
		Optional<Ban> ended = stored(() -> {
			Object value = this.redis.opsForHash().get(BANS, id);
			if (value == null || this.redis.opsForHash().delete(BANS, id) == 0) {
				return Optional.<Ban>empty();
			}
			Ban ban = this.json.readValue(value.toString(), Bans.Shared.class).ban();
			return Optional.of(ban).filter((one) -> one.expiresAt() == null || one.expiresAt().isAfter(Instant.now()));
		});
		publish(new ClusterEvent(this.replicaId, ClusterEvent.UNBAN, id, null, null, null));
		return ended;
	}

	@Override
	public Optional<List<Bans.Shared>> sharedBans() {
		return Optional.of(stored(() -> {
			Instant now = Instant.now();
			List<Bans.Shared> active = new ArrayList<>();
			List<Object> expired = new ArrayList<>();
			for (Map.Entry<Object, Object> entry : this.redis.opsForHash().entries(BANS).entrySet()) {
				Bans.Shared shared = this.json.readValue(entry.getValue().toString(), Bans.Shared.class);
				Instant expiresAt = shared.ban().expiresAt();
				if (expiresAt == null || expiresAt.isAfter(now)) {
					active.add(shared);
				}
				else {
					expired.add(entry.getKey());
				}
			}
			if (!expired.isEmpty()) {
				this.redis.opsForHash().delete(BANS, expired.toArray());
			}
			active.sort(Comparator.comparingLong(Bans.Shared::order));
			return active;
		}));
	}

	/** Runs Redis calls whose answer the caller needs; a failure or a timeout is the cluster being unavailable. */
	private static <T> T stored(Supplier<T> calls) {
		try {
			return calls.get();
		}
		catch (DataAccessException ex) {
			throw new ClusterUnavailableException("Redis did not answer: " + ex.getMessage(), ex);
		}
	}

	// ---- relaying ----

	@Override
	public void broadcast(byte[] line) {
		publish(new ClusterEvent(this.replicaId, ClusterEvent.LINE, null, text(line), null, null));
	}

	@Override
	public boolean sendPrivate(String name, byte[] line) {
		if (remoteOwner(name) == null) {
			return false;
		}
		publish(new ClusterEvent(this.replicaId, ClusterEvent.PRIVATE, name, text(line), null, null));
		return true;
	}

	@Override
	public boolean kick(String name, String reason) {
		String owner = remoteOwner(name);
		if (owner == null) {
			return false;
		}
		publish(new ClusterEvent(this.replicaId, ClusterEvent.KICK, name, null, reason, null));
		// answer once the user is gone, as for a local kick: the owner releases the name when they leave
		long deadline = System.nanoTime() + KICK_WAIT.toNanos();
		while (owner.equals(this.redis.opsForHash().get(NAMES, key(name))) && System.nanoTime() < deadline) {
			try {
				TimeUnit.MILLISECONDS.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return true;
	}

	/**
	 * Tells the others this replica is alive and which users it has. Called every few seconds; the
	 * user list is read on the publishing thread, so it never overtakes a join or leave published before.
	 */
	void heartbeat(Supplier<List<UserView>> localUsers) {
		this.redis.opsForValue().set(aliveKey(this.replicaId), "1", HEARTBEAT_TTL);
		this.redis.opsForSet().add(REPLICAS, this.replicaId);
		this.publisher.execute(() -> {
			Map<String, String> users = new HashMap<>();
			for (UserView user : localUsers.get()) {
				users.put(key(user.name()), this.json.writeValueAsString(user));
			}
			String hash = usersKey(this.replicaId);
			Set<Object> stale = new HashSet<>(this.redis.opsForHash().keys(hash));
			stale.removeAll(users.keySet());
			if (!users.isEmpty()) {
				this.redis.opsForHash().putAll(hash, users);
			}
			if (!stale.isEmpty()) {
				this.redis.opsForHash().delete(hash, stale.toArray());
			}
		});
	}

	/** Leaves the cluster: the others stop listing this replica at once. */
	@Override
	public void close() {
		this.publisher.shutdown();
		try {
			this.publisher.awaitTermination(5, TimeUnit.SECONDS);
			this.redis.delete(List.of(aliveKey(this.replicaId), usersKey(this.replicaId)));
			this.redis.opsForSet().remove(REPLICAS, this.replicaId);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			logger.warn("could not leave the cluster cleanly: " + ex.getMessage());
		}
	}

	private void publish(ClusterEvent event) {
		String message = this.json.writeValueAsString(event);
		this.publisher.execute(() -> this.redis.convertAndSend(CHANNEL, message));
	}

	/** The live replica, other than this one, that has a user of that name; null when none. */
	private String remoteOwner(String name) {
		Object owner = this.redis.opsForHash().get(NAMES, key(name));
		if (owner == null || owner.equals(this.replicaId) || !alive(owner.toString())) {
			return null;
		}
		return owner.toString();
	}

	private boolean alive(String replica) {
		return Boolean.TRUE.equals(this.redis.hasKey(aliveKey(replica)));
	}

	private static String key(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

	private static String text(byte[] line) {
		return new String(line, StandardCharsets.UTF_8);
	}

	private static String aliveKey(String replica) {
		return PREFIX + "replica:" + replica;
	}

	private static String usersKey(String replica) {
		return PREFIX + "users:" + replica;
	}

}
