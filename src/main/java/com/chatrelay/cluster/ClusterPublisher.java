package com.chatrelay.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.chatrelay.chat.ChatMetrics;
import com.chatrelay.chat.DropReason;
import com.chatrelay.logging.QuietLog;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Hands this replica's events to the others: the relay path only queues them (never waits for
 * Redis); one thread takes whatever has queued since its last publish and publishes it, one
 * message per run of events on one channel, so under load one PUBLISH carries many lines, and when
 * quiet a line goes at once. One queue, one thread, one connection: lines of one sender reach the
 * others in order (a room's lines go on the room's channel, see {@link #publish(List)}). A batch's
 * messages go to Redis together ({@link Channels}): one round trip however many rooms it spans.
 * <p>
 * Nothing grows without bound when Redis is slow or gone: lines past the queue are dropped and
 * counted ({@code cluster_backlog}), as are lines whose publish failed and lines not sent while
 * Redis still owes the answer to the batch before ({@code cluster_unavailable}).
 */
final class ClusterPublisher implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(ClusterPublisher.class);

	/** Events in one message at most: a bounded message, and time for the receivers to start on it. */
	static final int MAX_BATCH = 1000;

	private final BlockingQueue<ClusterEvent> queue;

	private final String replicaId;

	private final String incarnation;

	private final BatchSender sender;

	private final Supplier<String> snapshot;

	private final Supplier<String> rooms;

	private final ChatMetrics metrics;

	private final QuietLog failures;

	private final Thread thread;

	private volatile boolean running = true;

	/** Events taken from the queue and not yet published (or given up on). */
	private volatile int inFlight;

	/**
	 * Everything on one channel, without room snapshots.
	 * @param channel publishes one message (throws when Redis fails)
	 * @param snapshot this replica's users as JSON, read when a {@code SNAPSHOT} event is published
	 */
	ClusterPublisher(String replicaId, String incarnation, int capacity, Consumer<byte[]> channel,
			Supplier<String> snapshot, ChatMetrics metrics) {
		this(replicaId, incarnation, capacity, (messages) -> {
			messages.forEach((message) -> channel.accept(message.body()));
			return CompletableFuture.completedFuture(null);
		}, Duration.ofSeconds(2), snapshot, () -> null, metrics, new QuietLog(logger, QuietLog.Detail.MESSAGE));
	}

	/**
	 * @param channels publishes a batch's messages, in order
	 * @param timeout how long Redis may take to answer a batch ({@code chat.cluster.timeout})
	 * @param rooms this replica's users' rooms as JSON, published right after each {@code SNAPSHOT}; null for none
	 * @param failures where a failed publish is logged (quiet together with the cluster's other parts)
	 */
	ClusterPublisher(String replicaId, String incarnation, int capacity, Channels channels, Duration timeout,
			Supplier<String> snapshot, Supplier<String> rooms, ChatMetrics metrics, QuietLog failures) {
		this.failures = failures;
		this.replicaId = replicaId;
		this.incarnation = incarnation;
		this.queue = new ArrayBlockingQueue<>(capacity);
		this.sender = new BatchSender(channels, timeout, metrics, failures);
		this.snapshot = snapshot;
		this.rooms = rooms;
		this.metrics = metrics;
		this.thread = new Thread(this::run, "chat-cluster-publisher");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/** Queues an event; never blocks. @return false when the queue is full (the event is dropped and counted) */
	boolean offer(ClusterEvent event) {
		if (this.queue.offer(event)) {
			return true;
		}
		if (event.isChat()) {
			this.metrics.messageDropped(DropReason.CLUSTER_BACKLOG);
		}
		return false;
	}

	/** Events waiting to be published. */
	int backlog() {
		return this.queue.size() + this.inFlight;
	}

	/** Waits until everything queued so far is published (or given up on), for at most {@code timeout} nanos. */
	boolean flush(long timeoutNanos) {
		long deadline = System.nanoTime() + timeoutNanos;
		while (backlog() > 0 && System.nanoTime() < deadline && this.thread.isAlive()) {
			try {
				TimeUnit.MILLISECONDS.sleep(5); // polled: this waits once, at shutdown
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return backlog() == 0;
	}

	private void run() {
		List<ClusterEvent> batch = new ArrayList<>(MAX_BATCH);
		while (this.running || !this.queue.isEmpty()) {
			try {
				ClusterEvent first = this.queue.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				this.queue.drainTo(batch, MAX_BATCH - 1);
				this.inFlight = batch.size();
				publish(batch);
			}
			catch (InterruptedException ex) {
				if (!this.running) {
					return;
				}
			}
			finally {
				batch.clear();
				this.inFlight = 0;
			}
		}
	}

	/**
	 * Publishes a batch in order, one message per run of events on one channel (the events channel
	 * or a room's). Redis runs one connection's commands in order and each replica listens to all
	 * its channels on one connection, so every sender's lines reach the others in the order sent,
	 * across rooms too (SPEC §1, §7). Lines of 200 busy rooms rarely sit side by side, so a batch is
	 * up to hundreds of messages: they go out together ({@link Channels}), one round trip.
	 */
	private void publish(List<ClusterEvent> batch) throws InterruptedException {
		fillSnapshots(batch);
		List<Message> messages = new ArrayList<>();
		int start = 0;
		while (start < batch.size()) {
			String channel = batch.get(start).channel();
			int end = start + 1;
			while (end < batch.size() && batch.get(end).channel().equals(channel)) {
				end++;
			}
			messages.add(message(channel, batch.subList(start, end)));
			start = end;
		}
		this.sender.send(messages, batch.size(), (int) batch.stream().filter(ClusterEvent::isChat).count());
	}

	private Message message(String channel, List<ClusterEvent> events) {
		return new Message(channel, ClusterCodec.encode(this.replicaId, this.incarnation, events));
	}

	/** A {@code SNAPSHOT} is read when it goes out, with the rooms right after it. */
	private void fillSnapshots(List<ClusterEvent> batch) {
		for (int i = 0; i < batch.size(); i++) {
			if (batch.get(i).type() == ClusterEvent.Type.SNAPSHOT && batch.get(i).text() == null) {
				try {
					batch.set(i, new ClusterEvent(ClusterEvent.Type.SNAPSHOT, null, null, this.snapshot.get()));
					String rooms = this.rooms.get();
					if (rooms != null) {
						batch.add(++i, new ClusterEvent(ClusterEvent.Type.ROOMS, null, null, rooms));
					}
				}
				catch (RuntimeException ex) {
					batch.remove(i--);
					this.failures.warn("could not read this replica's users for the others", ex);
				}
			}
		}
	}

	/** Stops once what is queued is published, or at once when that does not happen within a second. */
	@Override
	public void close() {
		this.running = false;
		try {
			this.thread.join(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.thread.interrupt();
	}

	/** One PUBLISH: an encoded batch of events for one channel. */
	record Message(String channel, byte[] body) {
	}

	/** Where the messages go: Redis in the service, a list in a test. */
	@FunctionalInterface
	interface Channels {

		/** Sends the messages in order: the future completes when Redis answered them all, or fails. */
		CompletableFuture<?> publish(List<Message> messages);

	}

}
