package com.chatrelay.cluster;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import com.chatrelay.chat.ChatRoom;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/** Keeps this replica alive in the cluster and its user list fresh; leaves the cluster on stop. */
class ClusterHeartbeat implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ClusterHeartbeat.class);

	private static final long PERIOD_SECONDS = 5;

	private final ChatRoom room;

	private final RedisCluster cluster;

	/** Its own thread: its Redis calls may wait for a timeout, which must delay no chat timer. */
	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemonThreads());

	private volatile ScheduledFuture<?> beating;

	ClusterHeartbeat(ChatRoom room, RedisCluster cluster) {
		this.room = room;
		this.cluster = cluster;
	}

	@Override
	public void start() {
		beat(); // before the chat port opens: a restarted replica enforces the cluster's bans from its first connection
		this.beating = this.timer.scheduleWithFixedDelay(this::beat, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
		logger.info("chat relay joined the cluster as replica " + this.cluster.replicaId());
	}

	private void beat() {
		try {
			this.cluster.heartbeat(this.room::localUsers);
			this.room.bans().refresh();
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
		this.timer.shutdownNow();
		this.cluster.close();
		this.beating = null;
	}

	@Override
	public boolean isRunning() {
		return this.beating != null;
	}

	private static CustomizableThreadFactory daemonThreads() {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("chat-cluster-heartbeat-");
		threads.setDaemon(true);
		return threads;
	}

	/** Stops after the chat port (which tells users and releases their names). */
	@Override
	public int getPhase() {
		return 0;
	}

}
