package com.chatrelay.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import com.chatrelay.chat.ClusterUnavailableException;

import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The names this replica's users hold, as leases in Redis ({@code chat-relay:name:<key>}), each
 * {@code "<replica> <incarnation> <token>"} with an expiry, one per key of a name (its spellings
 * that count as the same name). Every change is a Lua script, so it is atomic: a claim takes all
 * the keys of a name or none, each free, or one left by a replica that is gone or restarted (its alive
 * key no longer names that incarnation); a renewal extends this replica's leases, re-creates the
 * ones a restarted Redis lost, and reports the ones a live replica took meanwhile (fencing: the
 * lease in Redis wins); a release deletes a lease only if this very claim still holds it.
 * <p>
 * Claims are answered synchronously (a login waits for it, within the claim wait, behind a
 * {@link ClaimBreaker}); releases are queued and sent in one script by the heartbeat thread, as
 * are renewals.
 */
final class NameLeases {

	/** Keys per renewal script: one script holds Redis for a bounded time. */
	private static final int RENEW_CHUNK = 500;

	/** Releases kept for a retry while Redis is away; past it they expire with their lease. */
	private static final int MAX_RETRIED_RELEASES = 100_000;

	private static final RedisScript<Long> CLAIM = script("claim-name.lua", Long.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> RENEW = script("renew-names.lua", List.class);

	private static final RedisScript<Long> RELEASE = script("release-names.lua", Long.class);

	private static final RedisScript<Long> OPEN = script("open-registry.lua", Long.class);

	private final StringRedisTemplate redis;

	/** {@code "<replica> <incarnation>"}. */
	private final String owner;

	private final String leaseMillis;

	/** Name key to the token of this replica's claim. */
	private final Map<String, String> held = new ConcurrentHashMap<>();

	/** Lease key and owner of names given back, not yet deleted in Redis. */
	private final ConcurrentLinkedQueue<String[]> released = new ConcurrentLinkedQueue<>();

	private final AtomicLong tokens = new AtomicLong();

	/** Time every replica gets to re-assert its names in a Redis that lost them, before claims open. */
	private final String rebuildMillis;

	/** Whether this replica has seen the registry's marker: if it goes missing, Redis lost the names. */
	private volatile boolean sawRegistry;

	private final ClaimBreaker breaker;

	/** Runs the claims, so the reading thread can stop waiting: one at a time, as the reading thread asks. */
	private final Executor claims;

	/** @param claims one thread, owned by the caller (a Spring bean, shut down with the context) */
	NameLeases(StringRedisTemplate redis, ReplicaIdentity replica, long leaseMillis, long rebuildMillis,
			ClaimBreaker breaker, Executor claims) {
		this.breaker = breaker;
		this.claims = claims;
		this.redis = redis;
		this.owner = replica.id() + " " + replica.incarnation();
		this.leaseMillis = Long.toString(leaseMillis);
		this.rebuildMillis = Long.toString(rebuildMillis);
	}

	/**
	 * Makes sure the registry is open, after this replica re-asserted its names ({@link #renew}).
	 * @return true when the registry was missing: Redis lost everything (or this is a new cluster)
	 */
	boolean openRegistry() {
		Long created = this.redis.execute(OPEN, List.of(RedisKeys.REGISTRY), this.sawRegistry ? this.rebuildMillis : "0");
		this.sawRegistry = true;
		return created != null && created == 1;
	}

	/**
	 * @return false when a live replica holds the name
	 * @throws ClusterUnavailableException when Redis did not answer in time, or lost the names and
	 * the replicas are still re-asserting theirs
	 */
	boolean claim(List<String> keys) {
		if (!this.breaker.allowsClaims()) {
			throw new ClusterUnavailableException("the name service (Redis) is unreachable", null);
		}
		String token = Long.toString(this.tokens.incrementAndGet(), 36);
		List<String> leaseKeys = new ArrayList<>(keys.size());
		keys.forEach((key) -> leaseKeys.add(RedisKeys.name(key)));
		Long won;
		CompletableFuture<Long> answer;
		try {
			answer = CompletableFuture.supplyAsync(() -> this.redis.execute(CLAIM, leaseKeys, this.owner + " " + token,
					this.leaseMillis, RedisKeys.ALIVE_PREFIX, RedisKeys.REGISTRY), this.claims);
		}
		catch (RejectedExecutionException ex) {
			// the replica is stopping: the login is told to try again, the reading thread goes on
			throw new ClusterUnavailableException("the name service is stopping", ex);
		}
		Duration claimWait = this.breaker.claimWait();
		try {
			won = answer.get(claimWait.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			// a Redis that answers, slowly, would cost every login a stall of the thread that reads every
			// client: refuse until the heartbeat finds it quick again. A claim that still succeeds later
			// holds a lease nobody renews, which expires.
			this.breaker.claimFailed();
			throw new ClusterUnavailableException("the name service (Redis) is slow: no answer within "
					+ claimWait.toMillis() + " ms", ex);
		}
		catch (ExecutionException ex) {
			this.breaker.claimFailed();
			throw new ClusterUnavailableException("the name service (Redis) did not answer: " + ex.getCause().getMessage(),
					ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ClusterUnavailableException("interrupted while claiming a name", ex);
		}
		if (won != null && won < 0) {
			throw new ClusterUnavailableException("the name registry is being rebuilt after Redis lost it", null);
		}
		if (won != null && won == 1) {
			keys.forEach((key) -> this.held.put(key, token));
			return true;
		}
		return false;
	}

	/** Gives a name back; the lease is deleted by {@link #releasePending}. */
	void release(String key) {
		String token = this.held.remove(key);
		if (token != null) {
			this.released.add(new String[] { RedisKeys.name(key), this.owner + " " + token });
		}
	}

	/** {@link #releasePending}, leaving what Redis refused for the next try (the leases expire by themselves anyway). */
	void releasePendingQuietly() {
		try {
			releasePending();
		}
		catch (DataAccessException ex) {
			// kept for the heartbeat's next try
		}
	}

	/**
	 * Deletes the leases of names given back. When Redis fails they are tried again at the next
	 * call (a lease only this claim holds is deleted, so a late retry is harmless), up to a bound
	 * past which they are left to expire.
	 * @throws DataAccessException when Redis failed
	 */
	void releasePending() {
		List<String[]> batch = new ArrayList<>();
		String[] one;
		while ((one = this.released.poll()) != null) {
			batch.add(one);
		}
		if (batch.isEmpty()) {
			return;
		}
		List<String> keys = new ArrayList<>(batch.size());
		List<String> owners = new ArrayList<>(batch.size());
		for (String[] lease : batch) {
			keys.add(lease[0]);
			owners.add(lease[1]);
		}
		try {
			this.redis.execute(RELEASE, keys, owners.toArray());
		}
		catch (DataAccessException ex) {
			if (this.released.size() + batch.size() <= MAX_RETRIED_RELEASES) {
				this.released.addAll(batch);
			}
			throw ex;
		}
	}

	/**
	 * Renews every lease of this replica.
	 * @return the keys of names a live replica holds now: this replica has lost them (and forgot them,
	 * so that giving them back later does not touch the new holder's lease)
	 */
	List<String> renew() {
		List<Map.Entry<String, String>> leases = new ArrayList<>(this.held.entrySet());
		List<String> lost = new ArrayList<>();
		for (int from = 0; from < leases.size(); from += RENEW_CHUNK) {
			List<Map.Entry<String, String>> chunk = leases.subList(from, Math.min(leases.size(), from + RENEW_CHUNK));
			List<String> keys = new ArrayList<>(chunk.size());
			Object[] args = new Object[3 + chunk.size()];
			args[0] = this.owner;
			args[1] = this.leaseMillis;
			args[2] = RedisKeys.ALIVE_PREFIX;
			for (int i = 0; i < chunk.size(); i++) {
				keys.add(RedisKeys.name(chunk.get(i).getKey()));
				args[3 + i] = chunk.get(i).getValue();
			}
			List<?> taken = this.redis.execute(RENEW, keys, args);
			if (taken != null) {
				for (Object leaseKey : taken) {
					String key = leaseKey.toString().substring(RedisKeys.NAME_PREFIX.length());
					if (this.held.remove(key, tokenOf(chunk, key))) {
						lost.add(key); // unless the user left or was renamed meanwhile
					}
				}
			}
		}
		return lost;
	}

	private static String tokenOf(List<Map.Entry<String, String>> chunk, String key) {
		for (Map.Entry<String, String> entry : chunk) {
			if (entry.getKey().equals(key)) {
				return entry.getValue();
			}
		}
		return null;
	}

	/** Names held by this replica's users. */
	int size() {
		return this.held.size();
	}

	private static <T> RedisScript<T> script(String file, Class<T> result) {
		DefaultRedisScript<T> script = new DefaultRedisScript<>();
		script.setLocation(new ClassPathResource("redis/" + file));
		script.setResultType(result);
		return script;
	}

}
