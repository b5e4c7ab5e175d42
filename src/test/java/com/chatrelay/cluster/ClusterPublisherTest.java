package com.chatrelay.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.chatrelay.chat.ChatMetrics;
import com.chatrelay.chat.DropReason;
import com.chatrelay.logging.QuietLog;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The publisher on its own, with a channel the test controls in place of Redis: a slow Redis
 * gets whatever queued meanwhile in one message, in order; past the bound lines are dropped and
 * counted; a failed publish is counted too, and nothing waits.
 */
class ClusterPublisherTest {

	private final Map<DropReason, Integer> drops = new EnumMap<>(DropReason.class);

	private final ChatMetrics metrics = new ChatMetrics() {
		@Override
		public synchronized void messagesDropped(DropReason reason, int lines) {
			ClusterPublisherTest.this.drops.merge(reason, lines, Integer::sum);
		}
	};

	private synchronized int dropped(DropReason reason) {
		return this.drops.getOrDefault(reason, 0);
	}

	@Test
	void whatQueuedDuringASlowPublishGoesInOneMessageInOrderAndPastTheBoundIsCounted() throws Exception {
		CountDownLatch redisAnswers = new CountDownLatch(1);
		List<ClusterCodec.Batch> published = new CopyOnWriteArrayList<>();
		try (ClusterPublisher publisher = new ClusterPublisher("r", "i1", 10, (message) -> {
			try {
				redisAnswers.await(10, TimeUnit.SECONDS); // Redis is slow to answer
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			published.add(ClusterCodec.decode(message));
		}, () -> "[]", this.metrics)) {
			assertThat(publisher.offer(line(0))).isTrue();
			await().atMost(Duration.ofSeconds(5)).until(() -> publisher.backlog() == 1); // taken, being published
			List<Boolean> accepted = new ArrayList<>();
			for (int i = 1; i <= 14; i++) {
				accepted.add(publisher.offer(line(i)));
			}
			assertThat(accepted.stream().filter((ok) -> ok).count()).isEqualTo(10);
			assertThat(dropped(DropReason.CLUSTER_BACKLOG)).isEqualTo(4);
			redisAnswers.countDown();
			assertThat(publisher.flush(TimeUnit.SECONDS.toNanos(5))).isTrue();
		}
		assertThat(published).hasSize(2);
		List<String> lines = new ArrayList<>();
		published.forEach((batch) -> batch.events().forEach((event) -> lines.add(new String(event.line(), StandardCharsets.UTF_8))));
		assertThat(lines).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
		assertThat(published.get(0).replicaId()).isEqualTo("r");
		assertThat(published.get(0).incarnation()).isEqualTo("i1");
	}

	@Test
	void aFailedPublishCountsItsLinesAndTheNextOneGoesOut() throws Exception {
		List<ClusterCodec.Batch> published = new CopyOnWriteArrayList<>();
		boolean[] failNext = { true };
		try (ClusterPublisher publisher = new ClusterPublisher("r", "i1", 100, (message) -> {
			if (failNext[0]) {
				failNext[0] = false;
				throw new IllegalStateException("Redis is gone");
			}
			published.add(ClusterCodec.decode(message));
		}, () -> "[]", this.metrics)) {
			publisher.offer(line(1));
			await().atMost(Duration.ofSeconds(5)).until(() -> dropped(DropReason.CLUSTER_UNAVAILABLE) == 1);
			publisher.offer(ClusterEvent.of(ClusterEvent.Type.SNAPSHOT));
			publisher.offer(line(2));
			assertThat(publisher.flush(TimeUnit.SECONDS.toNanos(5))).isTrue();
		}
		List<ClusterEvent> events = new ArrayList<>();
		published.forEach((batch) -> events.addAll(batch.events()));
		assertThat(events).extracting(ClusterEvent::type).containsExactly(ClusterEvent.Type.SNAPSHOT, ClusterEvent.Type.LINE);
		assertThat(events.get(0).text()).as("the snapshot is read when it is published").isEqualTo("[]");
	}

	@Test
	void somethingElseOnTheChannelIsNotABatch() {
		assertThatIllegalArgumentException().isThrownBy(() -> ClusterCodec.decode("hello".getBytes(StandardCharsets.UTF_8)));
		byte[] whole = ClusterCodec.encode("r", "i", List.of(line(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> ClusterCodec.decode(Arrays.copyOf(whole, whole.length - 1)));
	}

	@Test
	void linesQueuedTogetherGoOneMessagePerRunOfAChannelInTheOrderSentAllInOneHandOver() throws Exception {
		CountDownLatch redisAnswers = new CountDownLatch(1);
		List<String> published = new CopyOnWriteArrayList<>();
		List<Integer> roundTrips = new CopyOnWriteArrayList<>();
		try (ClusterPublisher publisher = new ClusterPublisher("r", "i1", 100, (messages) -> {
			try {
				redisAnswers.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			roundTrips.add(messages.size());
			for (ClusterPublisher.Message message : messages) {
				StringBuilder lines = new StringBuilder(message.channel() + ":");
				ClusterCodec.decode(message.body()).events().forEach((event) -> lines.append(' ')
					.append(event.line() == null ? event.type().name() : new String(event.line(), StandardCharsets.UTF_8)));
				published.add(lines.toString());
			}
			return CompletableFuture.completedFuture(null);
		}, Duration.ofSeconds(2), () -> "[]", () -> null, this.metrics, quietLog())) {
			publisher.offer(ClusterEvent.line("first".getBytes(StandardCharsets.UTF_8)));
			await().atMost(Duration.ofSeconds(5)).until(() -> publisher.backlog() == 1); // taken, being published
			for (String line : List.of("a1", "b1", "a2", "b2")) {
				publisher.offer(ClusterEvent.roomLine("#" + line.charAt(0), line.substring(0, 1), line.getBytes(StandardCharsets.UTF_8)));
			}
			publisher.offer(ClusterEvent.of(ClusterEvent.Type.BEAT));
			for (String line : List.of("b3", "a3")) {
				publisher.offer(ClusterEvent.roomLine("#" + line.charAt(0), line.substring(0, 1), line.getBytes(StandardCharsets.UTF_8)));
			}
			redisAnswers.countDown();
			assertThat(publisher.flush(TimeUnit.SECONDS.toNanos(5))).isTrue();
		}
		// a sender's lines in two rooms keep their order across rooms: no grouping by room
		assertThat(published).containsExactly(RedisKeys.CHANNEL + ": first", RedisKeys.room("a") + ": a1",
				RedisKeys.room("b") + ": b1", RedisKeys.room("a") + ": a2", RedisKeys.room("b") + ": b2",
				RedisKeys.CHANNEL + ": BEAT", RedisKeys.room("b") + ": b3", RedisKeys.room("a") + ": a3");
		assertThat(roundTrips).as("a batch's messages are handed over together, to go in one round trip").containsExactly(1, 7);
	}

	@Test
	void whileRedisOwesTheAnswerToABatchTheNextWaitsAndOnlyFailedLinesCount() throws Exception {
		List<CompletableFuture<Object>> answers = new CopyOnWriteArrayList<>();
		List<String> sent = new CopyOnWriteArrayList<>();
		try (ClusterPublisher publisher = new ClusterPublisher("r", "i1", 100, (messages) -> {
			messages.forEach((message) -> ClusterCodec.decode(message.body()).events()
				.forEach((event) -> sent.add(new String(event.line(), StandardCharsets.UTF_8))));
			CompletableFuture<Object> answer = new CompletableFuture<>();
			answers.add(answer);
			return answer;
		}, Duration.ofSeconds(1), () -> "[]", () -> null, this.metrics, quietLog())) {
			publisher.offer(line(1)); // sent; a paused Redis does not answer in time
			await().atMost(Duration.ofSeconds(5)).until(() -> answers.size() == 1);
			publisher.offer(line(2)); // waits for Redis to answer the batch before (2 s at most: twice the timeout)
			await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> answers.size() == 1);
			answers.get(0).complete(1L); // Redis woke up and ran it: line 1 was delivered after all
			await().atMost(Duration.ofSeconds(5)).until(() -> answers.size() == 2);
			assertThat(dropped(DropReason.CLUSTER_UNAVAILABLE)).as("nothing lost yet").isZero();
			publisher.offer(line(3));
			answers.get(1).completeExceptionally(new IllegalStateException("connection reset")); // line 2 is lost
			await().atMost(Duration.ofSeconds(5)).until(() -> answers.size() == 3);
			answers.get(2).complete(1L);
			assertThat(publisher.flush(TimeUnit.SECONDS.toNanos(5))).isTrue();
			assertThat(dropped(DropReason.CLUSTER_UNAVAILABLE)).isEqualTo(1);
		}
		assertThat(sent).containsExactly("1", "2", "3");
	}

	private QuietLog quietLog() {
		return new QuietLog(LogFactory.getLog(getClass()), QuietLog.Detail.MESSAGE);
	}

	private static ClusterEvent line(int number) {
		return ClusterEvent.line(Integer.toString(number).getBytes(StandardCharsets.UTF_8));
	}

}
