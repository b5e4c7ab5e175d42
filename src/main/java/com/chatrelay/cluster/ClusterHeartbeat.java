package com.chatrelay.cluster;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import com.chatrelay.chat.ChatRoom;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/** Keeps this replica alive in the cluster and its user list fresh; leaves the cluster on stop. */
class ClusterHeartbeat implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ClusterHeartbeat.class);

	private static final long PERIOD_SECONDS = 5;

	private final ChatRoom room;

	private final RedisCluster cluster;

	private final ScheduledExecutorService timer;

	private volatile ScheduledFuture<?> beating;

	ClusterHeartbeat(ChatRoom room, RedisCluster cluster, ScheduledExecutorService timer) {
		this.room = room;
		this.cluster = cluster;
		this.timer = timer;
	}

	@Override
	public void start() {
		this.cluster.heartbeat(this.room::localUsers);
		this.beating = this.timer.scheduleWithFixedDelay(this::beat, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
		logger.info("chat relay joined the cluster as replica " + this.cluster.replicaId());
	}

	private void beat() {
		try {
			this.cluster.heartbeat(this.room::localUsers);
		}
		catch (RuntimeException ex) {
			logger.warn("cluster heartbeat failed: " + ex.getMessage());
		}
	}

	@Override
	public void stop() {
		ScheduledFuture<?> current = this.beating;
		if (current != null) {
			current.cancel(false);
		}
		this.cluster.close();
		this.beating = null;
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
