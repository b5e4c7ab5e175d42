package com.chatrelay.cluster;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.chatrelay.chat.ChatMetrics;
import com.chatrelay.chat.DropReason;
import com.chatrelay.logging.QuietLog;
import io.lettuce.core.RedisCommandTimeoutException;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.QueryTimeoutException;

/**
 * Sends the {@link ClusterPublisher}'s batches and accounts for Redis's answers. A batch Redis has
 * not answered in time may still be run (a paused Redis runs it when it wakes), so its lines count
 * as lost only if Redis fails them (not when Lettuce stops waiting: the connection still holds
 * them), and the next batch waits until Redis answers it or Lettuce gives up on it (after the same
 * timeout): meanwhile lines wait in the publisher's bounded queue (past
 * it they are dropped and counted), so a pause of a few seconds loses nothing and a hung Redis
 * holds at most one batch per timeout in the client's buffers. Used by the publishing thread alone.
 */
final class BatchSender {

	private final ClusterPublisher.Channels channels;

	private final Duration timeout;

	private final ChatMetrics metrics;

	private final QuietLog failures;

	/** Redis's answers to a batch it did not answer in time. */
	private @Nullable CompletableFuture<?> unanswered;

	BatchSender(ClusterPublisher.Channels channels, Duration timeout, ChatMetrics metrics, QuietLog failures) {
		this.channels = channels;
		this.timeout = timeout;
		this.metrics = metrics;
		this.failures = failures;
	}

	/** Sends a batch's messages and waits for the answers, after those of the batch before. */
	void send(List<ClusterPublisher.Message> messages, int events, int lines) throws InterruptedException {
		awaitUnanswered();
		CompletableFuture<?> answers = null;
		try {
			answers = this.channels.publish(messages);
			answers.get(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			this.unanswered = answers.whenComplete((answered, failure) -> {
				if (failure != null && !(cause(failure) instanceof RedisCommandTimeoutException)) {
					lost(lines); // a timed-out command is no news: a paused Redis runs it when it wakes
				}
			});
			this.failures.warn("Redis has not answered " + messages.size() + " PUBLISH(es) of " + lines
					+ " line(s) yet; the next batch waits",
					new QueryTimeoutException("no answer within " + this.timeout));
		}
		catch (ExecutionException | RuntimeException ex) {
			// which of them Redis took before it failed is unknown: all of the batch's lines count as lost
			lost(lines);
			Throwable failure = (ex instanceof ExecutionException) ? ex.getCause() : ex;
			this.failures.warn("could not publish " + events + " event(s) (" + lines + " line(s)) to the other replicas",
					failure);
		}
	}

	/** Until the batch before is answered or given up on (its lines are counted when it fails). */
	private void awaitUnanswered() throws InterruptedException {
		if (this.unanswered == null) {
			return;
		}
		try {
			// Lettuce fails it after the timeout; twice that in case it does not
			this.unanswered.get(2 * this.timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			// counted by the batch's own completion, if it ever fails
		}
		this.unanswered = null;
	}

	private static Throwable cause(Throwable failure) {
		return (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
	}

	private void lost(int lines) {
		if (lines > 0) {
			this.metrics.messagesDropped(DropReason.CLUSTER_UNAVAILABLE, lines);
		}
	}

}
