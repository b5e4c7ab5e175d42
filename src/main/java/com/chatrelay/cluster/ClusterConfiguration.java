package com.chatrelay.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import java.util.concurrent.Executors;

import com.chatrelay.ChatProperties;
import com.chatrelay.chat.ChatRoom;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/** With {@code chat.cluster.enabled=true}: this replica relays through Redis pub/sub. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "chat.cluster.enabled", havingValue = "true")
class ClusterConfiguration {

	@Bean(destroyMethod = "")
	RedisCluster redisCluster(StringRedisTemplate redis, ChatProperties properties) {
		return new RedisCluster(redis, replicaId(properties.cluster().replicaId()));
	}

	@Bean
	RedisMessageListenerContainer clusterListenerContainer(RedisConnectionFactory connectionFactory, ChatRoom room,
			RedisCluster cluster) {
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(connectionFactory);
		// one thread: lines from one replica reach this one in the order they were published
		container.setTaskExecutor(Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, "chat-cluster-listener");
			thread.setDaemon(true);
			return thread;
		}));
		container.addMessageListener(new ClusterListener(room, cluster.replicaId()), new ChannelTopic(RedisCluster.CHANNEL));
		return container;
	}

	@Bean
	ClusterHeartbeat clusterHeartbeat(ChatRoom room, RedisCluster cluster) {
		return new ClusterHeartbeat(room, cluster);
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
