package com.chatrelay.cluster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.chatrelay.chat.Ban;
import com.chatrelay.chat.Bans;
import com.chatrelay.chat.ClusterUnavailableException;
import tools.jackson.databind.ObjectMapper;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The cluster's bans in Redis ({@code chat-relay:bans}, id to JSON), numbered in the order they
 * were made, so that every replica lists them alike and they outlive the replicas. Called from
 * admin requests and the heartbeat, never from the thread that reads chat lines.
 */
final class SharedBans {

	private final StringRedisTemplate redis;

	private final ObjectMapper json;

	SharedBans(StringRedisTemplate redis, ObjectMapper json) {
		this.redis = redis;
		this.json = json;
	}

	/** Stores a ban. @return it with its place in the list, as JSON for the other replicas */
	String add(Ban ban) {
		return stored(() -> {
			Long order = this.redis.opsForValue().increment(RedisKeys.BAN_ORDER);
			String entry = this.json.writeValueAsString(new Bans.Shared(ban, (order != null) ? order : 0));
			this.redis.opsForHash().put(RedisKeys.BANS, ban.id(), entry);
			return entry;
		});
	}

	Bans.Shared read(String entry) {
		return this.json.readValue(entry, Bans.Shared.class);
	}

	/** Deletes a ban. @return it, when it was there and active */
	Optional<Ban> remove(String id) {
		return stored(() -> {
			Object value = this.redis.opsForHash().get(RedisKeys.BANS, id);
			if (value == null || this.redis.opsForHash().delete(RedisKeys.BANS, id) == 0) {
				return Optional.<Ban>empty();
			}
			return Optional.of(read(value.toString()).ban()).filter((ban) -> active(ban, Instant.now()));
		});
	}

	/** The active bans, oldest first; drops expired ones from Redis on the way. */
	List<Bans.Shared> active() {
		return stored(() -> {
			Instant now = Instant.now();
			List<Bans.Shared> active = new ArrayList<>();
			List<Object> expired = new ArrayList<>();
			for (Map.Entry<Object, Object> entry : this.redis.opsForHash().entries(RedisKeys.BANS).entrySet()) {
				Bans.Shared shared = read(entry.getValue().toString());
				if (active(shared.ban(), now)) {
					active.add(shared);
				}
				else {
					expired.add(entry.getKey());
				}
			}
			if (!expired.isEmpty()) {
				this.redis.opsForHash().delete(RedisKeys.BANS, expired.toArray());
			}
			active.sort(Comparator.comparingLong(Bans.Shared::order));
			return active;
		});
	}

	private static boolean active(Ban ban, Instant now) {
		return ban.expiresAt() == null || ban.expiresAt().isAfter(now);
	}

	/** Runs Redis calls whose answer the caller needs; a failure or a timeout is the cluster being unavailable. */
	private static <T> T stored(Supplier<T> calls) {
		try {
			return calls.get();
		}
		catch (DataAccessException ex) {
			throw new ClusterUnavailableException("the cluster's bans (Redis) did not answer: " + ex.getMessage(), ex);
		}
	}

}
