package com.chatrelay;

import com.chatrelay.chat.ChatServer;
import com.chatrelay.chat.Cluster;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.info.GitProperties;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.integration.ip.tcp.connection.TcpConnectionServerListeningEvent;
import org.springframework.stereotype.Component;

/**
 * One line at start-up that tells an operator what runs where: the version, the chat port (TLS or
 * not, its connection limit), the HTTP and management ports, standalone or which cluster replica.
 * Logged once the chat port listens and the context (web servers included) is up: just before
 * Spring Boot's "Started" line, which gives the start time.
 */
@Component
class StartupSummary {

	private static final Log logger = LogFactory.getLog(StartupSummary.class);

	private final ApplicationContext context;

	private final ChatProperties properties;

	private final ChatServer server;

	private final ObjectProvider<Cluster> cluster;

	private final ObjectProvider<BuildProperties> build;

	private final ObjectProvider<GitProperties> git;

	private int chatPort = -1;

	private int httpPort = -1;

	private int managementPort = -1;

	private boolean refreshed;

	private boolean logged;

	StartupSummary(ApplicationContext context, ChatProperties properties, ChatServer server,
			ObjectProvider<Cluster> cluster, ObjectProvider<BuildProperties> build, ObjectProvider<GitProperties> git) {
		this.context = context;
		this.properties = properties;
		this.server = server;
		this.cluster = cluster;
		this.build = build;
		this.git = git;
	}

	/** Published on the selector thread once the chat port is bound (with the port picked, for port 0). */
	@EventListener
	synchronized void chatListening(TcpConnectionServerListeningEvent event) {
		this.chatPort = event.getPort();
		logOnce();
	}

	/** The HTTP server, then the management server (its own context, whose events reach this one). */
	@EventListener
	synchronized void webServerStarted(WebServerInitializedEvent event) {
		if ("management".equals(event.getApplicationContext().getServerNamespace())) {
			this.managementPort = event.getWebServer().getPort();
		}
		else {
			this.httpPort = event.getWebServer().getPort();
		}
	}

	@EventListener
	synchronized void refreshed(ContextRefreshedEvent event) {
		if (event.getApplicationContext() == this.context) {
			this.refreshed = true;
			logOnce();
		}
	}

	private void logOnce() {
		if (this.logged || !this.refreshed || this.chatPort < 0) {
			return;
		}
		this.logged = true;
		logger.info(summary());
	}

	String summary() {
		TcpProperties tcp = this.properties.tcp();
		int limit = this.server.limits().maxConnections();
		StringBuilder line = new StringBuilder("chat-relay ").append(version())
			.append(": chat port ").append(this.chatPort).append(" on ").append(tcp.host())
			.append(tcp.ssl().enabled() ? " (TLS, SSL bundle '" + tcp.ssl().bundle() + "')" : " (plain TCP)")
			.append(", up to ").append(limit).append(" connections");
		if (limit != tcp.maxConnections()) {
			line.append(" (lowered from ").append(tcp.maxConnections()).append(" to fit the descriptor limit)");
		}
		line.append("; admin API and console on HTTP port ").append(this.httpPort);
		line.append("; Actuator on ")
			.append((this.managementPort >= 0) ? "port " + this.managementPort : "the HTTP port");
		line.append(this.properties.cluster().enabled()
				? "; cluster replica '" + this.cluster.getIfAvailable(() -> Cluster.STANDALONE).replicaId() + "' (Redis)"
				: "; standalone");
		return line.toString();
	}

	private String version() {
		BuildProperties build = this.build.getIfAvailable();
		GitProperties git = this.git.getIfAvailable();
		String version = (build != null) ? build.getVersion() : "(version unknown)";
		@Nullable String commit = (git != null) ? git.getShortCommitId() : null;
		return (commit != null) ? version + " (" + commit + ")" : version;
	}

}
