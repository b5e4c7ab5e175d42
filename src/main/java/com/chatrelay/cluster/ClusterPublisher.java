package com.chatrelay.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
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
 * Redis); one thread takes whatever has queued since its last publish and publishes it as one
 * message, so under load one PUBLISH carries hundreds of lines, and when quiet a line goes at
 * once. One queue, one thread: lines of one sender reach the others in order (a room's lines go
 * on the room's channel, see {@link #publish(List)}). A batch's messages go to Redis together
 * ({@link Channels}), so a batch costs one round trip however many rooms it spans.
 * <p>
 * The queue is bounded: when Redis is slow or gone, lines past it are dropped and counted
 * ({@code cluster_backlog}), as are lines whose publish failed ({@code cluster_unavailable}).
 */
final class ClusterPublisher implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(ClusterPublisher.class);

	/** Events in one message at most: a bounded message, and time for the receivers to start on it. */
	static final int MAX_BATCH = 1000;

	private final BlockingQueue<ClusterEvent> queue;

	private final String replicaId;

	private final String incarnation;

	private final Channels channels;

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
		this(replicaId, incarnation, capacity, (messages) -> messages.forEach((message) -> channel.accept(message.body())),
				snapshot, () -> null, metrics, new QuietLog(logger, QuietLog.Detail.MESSAGE));
	}

	/**
	 * @param channels publishes a batch's messages, in order (throws when Redis fails)
	 * @param rooms this replica's users' rooms as JSON, published right after each {@code SNAPSHOT}; null for none
	 * @param failures where a failed publish is logged (quiet together with the cluster's other parts)
	 */
	ClusterPublisher(String replicaId, String incarnation, int capacity, Channels channels,
			Supplier<String> snapshot, Supplier<String> rooms, ChatMetrics metrics, QuietLog failures) {
		this.failures = failures;
		this.replicaId = replicaId;
		this.incarnation = incarnation;
		this.queue = new ArrayBlockingQueue<>(capacity);
		this.channels = channels;
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
	 * Publishes a batch in order: the events channel's events as one message per run, and between
	 * two of them the room lines as one message per room. Lines of many rooms interleave (200 busy
	 * rooms rarely put two lines of one room side by side), so one message per run would be one
	 * PUBLISH per line, and at 2,000 lines/s a backlog of seconds. Grouping keeps each room's order
	 * (SPEC §9 promises order within a room) and the order of lines against the events around them.
	 */
	private void publish(List<ClusterEvent> batch) {
		fillSnapshots(batch);
		List<Message> messages = new ArrayList<>();
		Map<String, List<ClusterEvent>> rooms = new LinkedHashMap<>();
		int start = 0;
		while (start < batch.size()) {
			ClusterEvent event = batch.get(start);
			if (!event.channel().equals(RedisKeys.CHANNEL)) {
				rooms.computeIfAbsent(event.channel(), (channel) -> new ArrayList<>()).add(event);
				start++;
				continue;
			}
			addRooms(rooms, messages);
			int end = start + 1;
			while (end < batch.size() && batch.get(end).channel().equals(RedisKeys.CHANNEL)) {
				end++;
			}
			messages.add(message(RedisKeys.CHANNEL, batch.subList(start, end)));
			start = end;
		}
		addRooms(rooms, messages);
		try {
			this.channels.publish(messages);
		}
		catch (RuntimeException ex) {
			// which of them Redis took before it failed is unknown: all of the batch's lines count as lost
			int lines = (int) batch.stream().filter(ClusterEvent::isChat).count();
			if (lines > 0) {
				this.metrics.messagesDropped(DropReason.CLUSTER_UNAVAILABLE, lines);
			}
			this.failures.warn("could not publish " + batch.size() + " event(s) to the other replicas", ex);
		}
	}

	private void addRooms(Map<String, List<ClusterEvent>> rooms, List<Message> messages) {
		rooms.forEach((channel, events) -> messages.add(message(channel, events)));
		rooms.clear();
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

		/** Publishes the messages in order, throwing when Redis fails (or does not answer in time). */
		void publish(List<Message> messages);

	}

}
