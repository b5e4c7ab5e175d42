package com.chatrelay.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Publishes a batch's messages with one round trip: each {@code PUBLISH} is sent on Lettuce's shared
 * connection without waiting for the one before, then all answers are awaited. A batch that spans
 * 200 rooms is 200 messages; sent one after the other they cost 200 round trips, and at 2,000
 * lines/s the replicas fell seconds behind. Spring Data's own pipelining is not used: it opens a
 * dedicated connection per pipeline. Redis runs one connection's commands in order, so each
 * channel's order, and the order between channels, is kept.
 */
final class RedisChannels implements ClusterPublisher.Channels {

	private final StringRedisTemplate redis;

	private final Duration timeout;

	/** @param timeout how long to wait for all answers, as for any command ({@code chat.cluster.timeout}) */
	RedisChannels(StringRedisTemplate redis, Duration timeout) {
		this.redis = redis;
		this.timeout = timeout;
	}

	@Override
	public void publish(List<ClusterPublisher.Message> messages) {
		if (messages.isEmpty()) {
			return;
		}
		this.redis.execute((RedisCallback<Void>) (connection) -> {
			RedisClusterAsyncCommands<byte[], byte[]> commands = commands(connection);
			RedisFuture<?>[] answers = new RedisFuture<?>[messages.size()];
			for (int i = 0; i < answers.length; i++) {
				ClusterPublisher.Message message = messages.get(i);
				answers[i] = commands.publish(message.channel().getBytes(StandardCharsets.UTF_8), message.body());
			}
			// rethrows the first failure (a rejected command while Redis is away, an error reply)
			if (!LettuceFutures.awaitAll(this.timeout, answers)) {
				throw new QueryTimeoutException("Redis did not answer " + answers.length + " PUBLISH(es) within " + this.timeout);
			}
			return null;
		});
	}

	@SuppressWarnings("unchecked")
	private static RedisClusterAsyncCommands<byte[], byte[]> commands(RedisConnection connection) {
		return (RedisClusterAsyncCommands<byte[], byte[]>) connection.getNativeConnection();
	}

}
