package com.chatrelay.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Publishes a batch's messages with one round trip: each {@code PUBLISH} is sent on Lettuce's shared
 * connection without waiting for the one before; the answers are awaited together. A batch that spans
 * 200 rooms is 200 messages; sent one after the other they cost 200 round trips, and at 2,000
 * lines/s the replicas fell seconds behind. Spring Data's own pipelining is not used: it opens a
 * dedicated connection per pipeline. Redis runs one connection's commands in order, so each
 * channel's order, and the order between channels, is kept.
 */
final class RedisChannels implements ClusterPublisher.Channels {

	private final StringRedisTemplate redis;

	private final RoomChannels rooms;

	private final Duration timeout;

	/** @param rooms waited for before each batch, so that a join goes out once this replica hears the room */
	RedisChannels(StringRedisTemplate redis, RoomChannels rooms, Duration timeout) {
		this.redis = redis;
		this.rooms = rooms;
		this.timeout = timeout;
	}

	@Override
	public CompletableFuture<?> publish(List<ClusterPublisher.Message> messages) {
		try {
			this.rooms.awaitSubscribed(this.timeout);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return CompletableFuture.failedFuture(ex);
		}
		return this.redis.execute((RedisCallback<CompletableFuture<?>>) (connection) -> {
			RedisClusterAsyncCommands<byte[], byte[]> commands = commands(connection);
			CompletableFuture<?>[] answers = new CompletableFuture<?>[messages.size()];
			for (int i = 0; i < answers.length; i++) {
				ClusterPublisher.Message message = messages.get(i);
				answers[i] = commands.publish(message.channel().getBytes(StandardCharsets.UTF_8), message.body())
					.toCompletableFuture();
			}
			// fails with the first failure (a command rejected while Redis is away, an error reply)
			return CompletableFuture.allOf(answers);
		});
	}

	@SuppressWarnings("unchecked")
	private static RedisClusterAsyncCommands<byte[], byte[]> commands(RedisConnection connection) {
		return (RedisClusterAsyncCommands<byte[], byte[]>) connection.getNativeConnection();
	}

}
