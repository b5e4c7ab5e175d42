package com.chatrelay;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.chatrelay.chat.ChatLimits;
import com.chatrelay.chat.ChatMetrics;
import com.chatrelay.chat.ChatServer;
import com.chatrelay.chat.Cluster;
import com.chatrelay.descriptors.DescriptorBudget;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The chat room (standalone, or one replica of a cluster) and the timer that enforces its timeouts. */
@Configuration(proxyBeanMethods = false)
class ChatServerConfiguration {

	@Bean
	ChatServer chatServer(ChatProperties properties, ObjectProvider<ChatMetrics> metrics, ObjectProvider<Cluster> cluster) {
		ChatLimits limits = DescriptorBudget.fit(properties.limits(), properties.tcp().descriptorReserve());
		return new ChatServer(limits, properties.rooms().settings(), metrics.getIfAvailable(() -> ChatMetrics.NONE),
				cluster.getIfAvailable(() -> Cluster.STANDALONE), Clock.systemUTC(), System::nanoTime);
	}

	/** One thread for timeouts and lingering closes; none of its work blocks. */
	@Bean(destroyMethod = "shutdownNow")
	ScheduledExecutorService chatTimer(ChatServer server) {
		ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "chat-timer");
			thread.setDaemon(true);
			return thread;
		});
		timer.scheduleWithFixedDelay(server::sweepTimeouts, 1, 1, TimeUnit.SECONDS);
		return timer;
	}

}
