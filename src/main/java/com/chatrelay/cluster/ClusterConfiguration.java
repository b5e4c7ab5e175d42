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
import com.chatrelay.chat.ChatServer;
import com.chatrelay.logging.QuietLog;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.ObjectMapper;

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
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

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

	/** The heartbeat's thread, also the subscription's retries and the releases of names. */
	@Bean(destroyMethod = "shutdownNow")
	ScheduledExecutorService clusterTimer() {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("chat-cluster-heartbeat-");
		threads.setDaemon(true);
		return Executors.newSingleThreadScheduledExecutor(threads);
	}

	/** Runs the name claims, so that the reading thread can stop waiting (see {@link NameLeases#claim}). */
	@Bean
	ThreadPoolTaskExecutor clusterClaims() {
		return oneThread("cluster-claims-");
	}

	/** One thread: events from one replica reach this one in the order they were published. */
	@Bean
	ThreadPoolTaskExecutor clusterListenerExecutor() {
		return oneThread("chat-cluster-listener-");
	}

	/**
	 * One daemon thread, shut down when the context is destroyed, after every lifecycle stopped
	 * (a task offered meanwhile still runs: a login's claim, an event from the others).
	 */
	private static ThreadPoolTaskExecutor oneThread(String prefix) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(1);
		executor.setMaxPoolSize(1);
		executor.setThreadNamePrefix(prefix);
		executor.setDaemon(true);
		executor.setAcceptTasksAfterContextClose(true);
		return executor;
	}

	@Bean
	ReplicaIdentity replicaIdentity(ChatProperties properties) {
		return ReplicaIdentity.started(replicaId(properties.cluster().replicaId()));
	}

	/** Shared by the parts that talk to Redis: see {@link QuietLog}. */
	@Bean
	QuietLog clusterRedisFailures() {
		return new QuietLog(LogFactory.getLog(RedisCluster.class), QuietLog.Detail.MESSAGE);
	}

	@Bean
	ClaimBreaker claimBreaker(ChatProperties properties) {
		return new ClaimBreaker(properties.cluster().claimWait());
	}

	@Bean
	NameLeases nameLeases(StringRedisTemplate redis, ReplicaIdentity replica, ChatProperties properties,
			ClaimBreaker claimBreaker, ThreadPoolTaskExecutor clusterClaims) {
		ClusterProperties cluster = properties.cluster();
		// every replica re-asserts its names within two beats of Redis coming back (plus a slow answer)
		Duration rebuild = cluster.heartbeatInterval().multipliedBy(2).plus(cluster.timeout());
		Duration lease = cluster.replicaTimeout().multipliedBy((long) (LEASE_PER_REPLICA_TIMEOUT * 10)).dividedBy(10);
		return new NameLeases(redis, replica, lease.toMillis(), rebuild.toMillis(), claimBreaker, clusterClaims);
	}

	@Bean
	ClusterDirectory clusterDirectory() {
		return new ClusterDirectory();
	}

	@Bean
	SharedBans sharedBans(StringRedisTemplate redis) {
		return new SharedBans(redis, new ObjectMapper());
	}

	/** Its snapshots read the room's users lazily: the room is made after the cluster it uses. */
	@Bean(destroyMethod = "close")
	ClusterPublisher clusterPublisher(StringRedisTemplate redis, RoomChannels roomChannels, ReplicaIdentity replica,
			ChatProperties properties,
			ObjectProvider<ChatMetrics> metrics, ObjectProvider<ChatServer> server, QuietLog clusterRedisFailures) {
		return new ClusterPublisher(replica.id(), replica.incarnation(), properties.cluster().publishQueue(),
				new RedisChannels(redis, roomChannels, properties.cluster().timeout()), properties.cluster().timeout(),
				() -> UserJson.write(server.getObject().localUsers()),
				() -> UserJson.write(server.getObject().fromCluster().rooms().here()),
				metrics.getIfAvailable(() -> ChatMetrics.NONE),
				clusterRedisFailures.sharing(LogFactory.getLog(ClusterPublisher.class)));
	}

	/** The room channels this replica listens to, changed on a thread of their own (a SUBSCRIBE may wait for Redis). */
	@Bean(destroyMethod = "close")
	RoomChannels roomChannels(QuietLog clusterRedisFailures) {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("chat-cluster-rooms-");
		threads.setDaemon(true);
		return new RoomChannels(Executors.newSingleThreadScheduledExecutor(threads), clusterRedisFailures);
	}

	@Bean(destroyMethod = "")
	RedisCluster redisCluster(ReplicaIdentity replica, NameLeases nameLeases, ClaimBreaker claimBreaker,
			ClusterDirectory clusterDirectory, ClusterPublisher clusterPublisher, SharedBans sharedBans,
			ScheduledExecutorService clusterTimer, RoomChannels roomChannels) {
		return new RedisCluster(replica, nameLeases, claimBreaker, clusterDirectory, clusterPublisher, sharedBans,
				clusterTimer, roomChannels);
	}

	@Bean
	RedisMessageListenerContainer clusterListenerContainer(RedisConnectionFactory connectionFactory, ChatServer server,
			ReplicaIdentity replica, ClusterDirectory clusterDirectory, ClusterPublisher clusterPublisher,
			SharedBans sharedBans, ThreadPoolTaskExecutor clusterListenerExecutor, ChatProperties properties,
			RoomChannels roomChannels) {
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(connectionFactory);
		container.setRecoveryInterval(1000); // resubscribe soon after Redis comes back
		container.setAutoStartup(false); // ClusterSubscription starts it, and retries while Redis is away
		container.setTaskExecutor(clusterListenerExecutor);
		ClusterListener listener = new ClusterListener(server, replica, clusterDirectory, clusterPublisher, sharedBans,
				properties.cluster().heartbeatInterval());
		container.addMessageListener(listener, new ChannelTopic(RedisKeys.CHANNEL));
		roomChannels.listenWith(container, listener); // and the channels of the rooms with members here
		return container;
	}

	@Bean
	ClusterSubscription clusterSubscription(RedisMessageListenerContainer clusterListenerContainer,
			ScheduledExecutorService clusterTimer, QuietLog clusterRedisFailures) {
		return new ClusterSubscription(clusterListenerContainer, clusterTimer, Duration.ofSeconds(1),
				clusterRedisFailures.sharing(LogFactory.getLog(ClusterSubscription.class)));
	}

	@Bean
	ClusterHeartbeat clusterHeartbeat(ChatServer server, ReplicaIdentity replica, NameLeases nameLeases,
			ClaimBreaker claimBreaker, ClusterDirectory clusterDirectory, ClusterPublisher clusterPublisher,
			StringRedisTemplate redis, ScheduledExecutorService clusterTimer, ChatProperties properties,
			QuietLog clusterRedisFailures) {
		return new ClusterHeartbeat(server, replica, nameLeases, claimBreaker, clusterDirectory, clusterPublisher, redis,
				clusterTimer, properties.cluster(), clusterRedisFailures);
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
