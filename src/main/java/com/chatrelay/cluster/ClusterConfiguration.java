package com.chatrelay.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.chatrelay.ChatProperties;
import com.chatrelay.ClusterProperties;
import com.chatrelay.chat.ChatMetrics;
import com.chatrelay.chat.ChatRoom;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/** With {@code chat.cluster.enabled=true}: this replica relays through Redis. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "chat.cluster.enabled", havingValue = "true")
class ClusterConfiguration {

	/** A name stays taken this long past its replica's last renewal (the replica timeout, and half again). */
	private static final double LEASE_PER_REPLICA_TIMEOUT = 1.5;

	/** Every Redis command of the relay gives up after {@code chat.cluster.timeout}. */
	@Bean
	LettuceClientConfigurationBuilderCustomizer clusterCommandTimeout(ChatProperties properties) {
		return (builder) -> builder.commandTimeout(properties.cluster().timeout());
	}

	/**
	 * While the connection to Redis is down, commands fail at once instead of queueing until their
	 * timeout: during an outage a login is refused in microseconds, and nothing waits on the relay path.
	 */
	@Bean
	LettuceClientOptionsBuilderCustomizer clusterFailFast() {
		return (builder) -> builder.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
	}

	/**
	 * Reconnects to Redis within a second of it coming back, whatever the length of the outage
	 * (Lettuce's default backs off to 30 s): the replicas must re-assert their names quickly.
	 */
	@Bean
	ClientResourcesBuilderCustomizer clusterReconnectDelay() {
		return (builder) -> builder.reconnectDelay(Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2,
				TimeUnit.MILLISECONDS));
	}

	@Bean(destroyMethod = "shutdownNow")
	ScheduledExecutorService clusterTimer() {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("chat-cluster-heartbeat-");
		threads.setDaemon(true);
		return Executors.newSingleThreadScheduledExecutor(threads);
	}

	@Bean(destroyMethod = "")
	RedisCluster redisCluster(StringRedisTemplate redis, ChatProperties properties, ObjectProvider<ChatMetrics> metrics,
			ScheduledExecutorService clusterTimer) {
		ClusterProperties cluster = properties.cluster();
		// every replica re-asserts its names within two beats of Redis coming back (plus a slow answer)
		Duration rebuild = cluster.heartbeatInterval().multipliedBy(2).plus(cluster.timeout());
		return new RedisCluster(redis, replicaId(cluster.replicaId()),
				cluster.replicaTimeout().multipliedBy((long) (LEASE_PER_REPLICA_TIMEOUT * 10)).dividedBy(10), rebuild,
				cluster.publishQueue(), metrics.getIfAvailable(() -> ChatMetrics.NONE), clusterTimer, cluster.claimWait());
	}

	@Bean
	RedisMessageListenerContainer clusterListenerContainer(RedisConnectionFactory connectionFactory, ChatRoom room,
			RedisCluster cluster, ChatProperties properties) {
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(connectionFactory);
		container.setRecoveryInterval(1000); // resubscribe soon after Redis comes back
		container.setAutoStartup(false); // ClusterSubscription starts it, and retries while Redis is away
		// one thread: events from one replica reach this one in the order they were published
		CustomizableThreadFactory threads = new CustomizableThreadFactory("chat-cluster-listener-");
		threads.setDaemon(true);
		container.setTaskExecutor(Executors.newSingleThreadExecutor(threads));
		container.addMessageListener(new ClusterListener(room, cluster, properties.cluster().heartbeatInterval()), new ChannelTopic(RedisKeys.CHANNEL));
		return container;
	}

	@Bean
	ClusterSubscription clusterSubscription(RedisMessageListenerContainer clusterListenerContainer,
			ScheduledExecutorService clusterTimer, RedisCluster cluster) {
		return new ClusterSubscription(clusterListenerContainer, clusterTimer, Duration.ofSeconds(1),
				cluster.redisFailures(LogFactory.getLog(ClusterSubscription.class)));
	}

	@Bean
	ClusterHeartbeat clusterHeartbeat(ChatRoom room, RedisCluster cluster, ScheduledExecutorService clusterTimer,
			ChatProperties properties) {
		ClusterProperties settings = properties.cluster();
		return new ClusterHeartbeat(room, cluster, clusterTimer, settings.heartbeatInterval(), settings.replicaTimeout(),
				settings.timeout());
	}

	/** The configured id, else the host name (a pod's name in Kubernetes), else a random one. */
	private static String replicaId(String configured) {
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return UUID.randomUUID().toString().substring(0, 8);
		}
	}

}
