package com.chatrelay.cluster;

import com.chatrelay.logging.QuietLog;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Starts listening on the cluster's channel, and keeps trying when Redis is not there yet: a
 * replica that starts during a Redis outage must start, serve its own users, and join the others
 * when Redis comes back (the container alone fails the start). Once subscribed, the container
 * resubscribes by itself after a reconnect.
 */
class ClusterSubscription implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ClusterSubscription.class);

	private final RedisMessageListenerContainer container;

	private final ScheduledExecutorService timer;

	private final Duration retry;

	private final QuietLog failures;

	private volatile boolean running;

	private volatile ScheduledFuture<?> retrying;

	ClusterSubscription(RedisMessageListenerContainer container, ScheduledExecutorService timer, Duration retry,
			QuietLog failures) {
		this.failures = failures;
		this.container = container;
		this.timer = timer;
		this.retry = retry;
	}

	@Override
	public void start() {
		this.running = true;
		if (!tryStart()) {
			this.retrying = this.timer.scheduleWithFixedDelay(this::retry, this.retry.toMillis(), this.retry.toMillis(),
					TimeUnit.MILLISECONDS);
		}
	}

	private void retry() {
		if (this.running && tryStart()) {
			ScheduledFuture<?> current = this.retrying;
			if (current != null) {
				current.cancel(false);
			}
			logger.info("the subscription to the other replicas started; it resubscribes whenever Redis comes back");
		}
	}

	private synchronized boolean tryStart() {
		if (this.container.isRunning() && this.container.isListening()) {
			return true;
		}
		try {
			this.container.start(); // after a failed start, it may run and subscribe later by itself
			return this.container.isListening();
		}
		catch (RuntimeException ex) {
			this.failures.warn("cannot listen to the other replicas yet (Redis unreachable); chat on this replica goes on", ex);
			this.container.stop();
			return false;
		}
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		ScheduledFuture<?> current = this.retrying;
		if (current != null) {
			current.cancel(false);
		}
		this.container.stop();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Listening before the heartbeat starts (its first beat must come back to say hello), and until it stopped. */
	@Override
	public int getPhase() {
		return -100;
	}

}
