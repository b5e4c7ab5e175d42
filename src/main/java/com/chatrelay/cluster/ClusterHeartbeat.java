package com.chatrelay.cluster;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import com.chatrelay.ClusterProperties;
import com.chatrelay.chat.ChatServer;
import com.chatrelay.chat.UserView;
import com.chatrelay.logging.QuietLog;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Keeps this replica in the cluster, on a thread of its own (its Redis calls may wait for a
 * timeout, which must delay no chat timer): every beat it marks itself alive, renews its users'
 * names (renaming a user whose name a live replica took meanwhile), gives back released names,
 * tells the others it is alive (with its users every few beats), notices replicas that fell
 * silent, and refreshes the bans. On stop it sends what is queued (its users' leave notices) and
 * leaves, within a bounded time even with Redis gone.
 */
class ClusterHeartbeat implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ClusterHeartbeat.class);

	/** Every this many beats, a snapshot of this replica's users (the others repair what they missed). */
	private static final int SNAPSHOT_EVERY = 5;

	private final ChatServer server;

	private final ReplicaIdentity replica;

	private final NameLeases leases;

	private final ClaimBreaker breaker;

	private final ClusterDirectory directory;

	private final ClusterPublisher publisher;

	private final StringRedisTemplate redis;

	/** Shared with the subscription's retries and the releases; Spring shuts it down, after this stops. */
	private final ScheduledExecutorService timer;

	private final Duration interval;

	private final Duration replicaTimeout;

	private final Duration redisTimeout;

	private final QuietLog failures;

	private volatile ScheduledFuture<?> beating;

	private long beats;

	/** Whether the last beat reached Redis: a stop with Redis gone does not wait for it again. */
	private volatile boolean redisAnswered = true;

	ClusterHeartbeat(ChatServer server, ReplicaIdentity replica, NameLeases leases, ClaimBreaker breaker,
			ClusterDirectory directory, ClusterPublisher publisher, StringRedisTemplate redis,
			ScheduledExecutorService timer, ClusterProperties settings, QuietLog redisFailures) {
		this.server = server;
		this.replica = replica;
		this.leases = leases;
		this.breaker = breaker;
		this.directory = directory;
		this.publisher = publisher;
		this.redis = redis;
		this.failures = redisFailures.sharing(logger);
		this.timer = timer;
		this.interval = settings.heartbeatInterval();
		this.replicaTimeout = settings.replicaTimeout();
		this.redisTimeout = settings.timeout();
	}

	@Override
	public void start() {
		// before the chat port opens: a restarted replica enforces the cluster's bans from its first connection
		beat(); // its beat coming back through Redis makes the listener say hello (see ClusterListener)
		this.beating = this.timer.scheduleWithFixedDelay(this::beatSafely, this.interval.toMillis(),
				this.interval.toMillis(), TimeUnit.MILLISECONDS);
		logger.info("chat relay joined the cluster as replica " + this.replica.id() + " (incarnation "
				+ this.replica.incarnation() + ")");
	}

	/** A scheduled task that throws is never run again: whatever goes wrong, the next beat comes. */
	private void beatSafely() {
		try {
			beat();
		}
		catch (RuntimeException ex) {
			logger.error("cluster heartbeat failed; it goes on at the next beat", ex);
		}
	}

	void beat() {
		long now = System.nanoTime();
		boolean answered = true;
		Duration answerTime = Duration.ZERO;
		try {
			// renew first: after a pause, a name taken meanwhile is given up before anything else
			for (String key : this.leases.renew()) {
				this.server.fromCluster().nameLost(key);
			}
			// alive a beat longer than the others wait before calling it lost: a dead replica's names come
			// free only after its users' "(replica lost)" notices, never before (a new holder's join would come first)
			markAlive(this.replicaTimeout.plus(this.interval));
			long asked = System.nanoTime(); // one small script: how quickly Redis answers a claim now
			boolean reopened = this.leases.openRegistry();
			answerTime = Duration.ofNanos(System.nanoTime() - asked);
			if (reopened && this.beats > 0) {
				logger.info("Redis had lost the cluster's names; this replica re-asserted its " + this.leases.size());
			}
			this.leases.releasePendingQuietly();
		}
		catch (DataAccessException ex) {
			answered = false;
			this.failures.warn("cluster heartbeat could not reach Redis", ex);
		}
		this.redisAnswered = answered;
		this.breaker.beat(answered, answerTime);
		boolean snapshot = ++this.beats % SNAPSHOT_EVERY == 0;
		this.publisher.offer(ClusterEvent.of(snapshot ? ClusterEvent.Type.SNAPSHOT : ClusterEvent.Type.BEAT));
		loseSilentReplicas(now);
		try {
			this.server.bans().refresh();
		}
		catch (RuntimeException ex) {
			this.failures.warn("could not refresh the cluster's bans", ex);
		}
	}

	/**
	 * Replicas not heard for the replica timeout are lost, but only while this replica hears the
	 * channel itself (its own beats come back): during an outage, or right after this replica was
	 * paused, silence proves nothing.
	 */
	private void loseSilentReplicas(long now) {
		if (now - this.directory.ownHeardNanos() > this.replicaTimeout.toNanos() / 2) {
			return;
		}
		List<UserView> gone = this.directory.loseSilentSince(now - this.replicaTimeout.toNanos());
		if (!gone.isEmpty()) {
			this.server.fromCluster().replicaLost(gone);
		}
	}

	@Override
	public void stop() {
		ScheduledFuture<?> current = this.beating;
		if (current != null) {
			current.cancel(false);
		}
		this.beating = null;
		this.publisher.offer(ClusterEvent.of(ClusterEvent.Type.BYE));
		// the leave notices of this replica's users were queued when the chat port closed
		this.publisher.flush(this.redisAnswered ? this.redisTimeout.multipliedBy(2).toNanos() : 0);
		this.publisher.close();
		if (this.redisAnswered) {
			try {
				this.leases.releasePendingQuietly();
				markGone();
			}
			catch (DataAccessException ex) {
				logger.warn("could not leave the cluster cleanly (the others will notice the silence): " + ex.getMessage());
			}
		}
	}

	/** Tells the others this incarnation is alive for {@code ttl}. */
	private void markAlive(Duration ttl) {
		this.redis.opsForValue().set(RedisKeys.alive(this.replica.id()), this.replica.incarnation(), ttl);
	}

	/** Leaves the cluster: the alive key goes at once (this replica's names are free to take over). */
	private void markGone() {
		this.redis.delete(RedisKeys.alive(this.replica.id()));
	}

	@Override
	public boolean isRunning() {
		return this.beating != null;
	}

	/** Stops after the chat port (which tells users and releases their names). */
	@Override
	public int getPhase() {
		return 0;
	}

}
