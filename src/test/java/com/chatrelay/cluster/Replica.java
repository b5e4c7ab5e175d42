package com.chatrelay.cluster;

import java.util.ArrayList;
import java.util.List;

import com.chatrelay.ChatRelayApplication;
import com.chatrelay.support.Http;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/** One replica of the relay in this JVM, clustered on a given Redis, on free ports. */
final class Replica implements AutoCloseable {

	static final String PASSWORD = "cluster-secret";

	private final ConfigurableApplicationContext context;

	private Replica(ConfigurableApplicationContext context) {
		this.context = context;
	}

	static Replica start(String id, int redisPort, String... more) {
		List<String> args = new ArrayList<>(List.of("--chat.tcp.port=0", "--server.port=0", "--management.server.port=0",
				"--chat.cluster.enabled=true", "--chat.cluster.replica-id=" + id, "--spring.data.redis.host=127.0.0.1",
				"--spring.data.redis.port=" + redisPort, "--chat.admin.password=" + PASSWORD));
		args.addAll(List.of(more));
		return new Replica(new SpringApplicationBuilder(ChatRelayApplication.class).run(args.toArray(String[]::new)));
	}

	int chatPort() {
		return this.context.getBean(AbstractServerConnectionFactory.class).getPort();
	}

	Http admin() {
		return Http.to(((WebServerApplicationContext) this.context).getWebServer().getPort()).as("admin", PASSWORD);
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
