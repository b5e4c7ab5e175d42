package com.chatrelay.cluster;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.chatrelay.logging.QuietLog;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Which room channels this replica listens to: those of the rooms with members here, so that it
 * receives from Redis only their lines. The rooms say which they want without waiting (under their
 * lock); one thread of its own brings the container's subscriptions to that set, in order, and
 * tries again a second later when Redis refused. The container keeps them across reconnects.
 */
final class RoomChannels implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(RoomChannels.class);

	private volatile RedisMessageListenerContainer container;

	private volatile MessageListener listener;

	private final ScheduledExecutorService thread;

	private final QuietLog failures;

	/** Room keys with members here: what should be subscribed. */
	private final Set<String> wanted = ConcurrentHashMap.newKeySet();

	/** What the container was given; the thread's alone. */
	private final Set<String> subscribed = new HashSet<>();

	private final AtomicBoolean queued = new AtomicBoolean();

	/** Changes to the wanted set so far, and how many of them the container has carried out. */
	private final AtomicLong requested = new AtomicLong();

	private volatile long settled;

	/** The last pass failed (Redis refused): nothing to wait for, the publish will fail or go alike. */
	private volatile boolean failing;

	private final Object settling = new Object();

	RoomChannels(ScheduledExecutorService thread, QuietLog failures) {
		this.thread = thread;
		this.failures = failures.sharing(logger);
	}

	/** The container that listens, once it is built (it needs the chat service, which needs the cluster). */
	void listenWith(RedisMessageListenerContainer container, MessageListener listener) {
		this.listener = listener;
		this.container = container;
		queue(0);
	}

	/** A room got its first member here. Does not block. */
	void want(String key) {
		this.wanted.add(key);
		this.requested.incrementAndGet();
		queue(0);
	}

	/**
	 * Waits, for at most the timeout, until every room wanted so far is subscribed. The publisher
	 * calls it before a batch: a join goes out after the replica listens to the room, so that no
	 * line said there in answer to the join is published before anyone here can hear it.
	 */
	void awaitSubscribed(Duration timeout) throws InterruptedException {
		long target = this.requested.get();
		if (this.settled >= target || this.failing) {
			return;
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.settling) {
			long left;
			while (this.settled < target && !this.failing && (left = deadline - System.nanoTime()) > 0) {
				TimeUnit.NANOSECONDS.timedWait(this.settling, left);
			}
		}
	}

	/** A room lost its last member here. Does not block. */
	void drop(String key) {
		this.wanted.remove(key);
		queue(0);
	}

	/** Room channels subscribed (or being subscribed) now. */
	int size() {
		return this.wanted.size();
	}

	private void queue(long delayMillis) {
		if (this.queued.compareAndSet(false, true)) {
			try {
				this.thread.schedule(this::reconcile, delayMillis, TimeUnit.MILLISECONDS);
			}
			catch (RuntimeException ex) {
				this.queued.set(false); // shut down: nothing to listen to any more
			}
		}
	}

	/**
	 * Brings the subscriptions to the wanted set; a change that wins a race with it queues another
	 * pass. The container forgets a listener before it unsubscribes, so a removal that failed (Redis
	 * gone) counts as done; an addition that failed is tried again (adding twice is harmless).
	 */
	private void reconcile() {
		this.queued.set(false);
		long requests = this.requested.get();
		if (this.container == null) {
			return; // listenWith comes, and reconciles
		}
		boolean failed = false;
		for (String key : Set.copyOf(this.subscribed)) {
			if (!this.wanted.contains(key)) {
				this.subscribed.remove(key);
				failed |= !tried(() -> this.container.removeMessageListener(this.listener, topic(key)));
			}
		}
		for (String key : Set.copyOf(this.wanted)) {
			if (!this.subscribed.contains(key)) {
				if (tried(() -> this.container.addMessageListener(this.listener, topic(key)))) {
					this.subscribed.add(key);
				}
				else {
					failed = true;
				}
			}
		}
		synchronized (this.settling) {
			this.failing = failed;
			if (!failed) {
				this.settled = requests;
			}
			this.settling.notifyAll();
		}
		if (failed) {
			queue(1000);
		}
	}

	private boolean tried(Runnable change) {
		try {
			change.run();
			return true;
		}
		catch (RuntimeException ex) {
			this.failures.warn("could not change the room channels this replica listens to; trying again", ex);
			return false;
		}
	}

	private static ChannelTopic topic(String key) {
		return new ChannelTopic(RedisKeys.room(key));
	}

	@Override
	public void close() {
		this.thread.shutdownNow();
	}

}
