package com.chatrelay.descriptors;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import javax.management.ObjectName;

import com.chatrelay.metrics.AcceptPauses;
import com.chatrelay.metrics.AcceptPauses.Listener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.catalina.connector.Connector;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.coyote.AbstractProtocol;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The HTTP side out of file descriptors: Tomcat's acceptor already backs off after a failed accept
 * (50 ms doubling to 1.6 s) but logs every failure as an ERROR with a stack trace. This filter on
 * its logger turns that into one WARN per episode per listener (HTTP or management), and counts
 * each pause in {@code chat_accept_paused_total{listener}}; any other acceptor message passes.
 * Tomcat logs through java.util.logging (JULI), whatever backend Spring Boot logs to.
 */
@Component
class HttpAcceptFailures implements Filter, DisposableBean {

	private static final Log logger = LogFactory.getLog(HttpAcceptFailures.class);

	/** Tomcat's acceptor thread logs here ({@code org.apache.tomcat.util.net.Acceptor}). */
	static final String ACCEPTOR_LOGGER = "org.apache.tomcat.util.net.Acceptor";

	/** A listener that failed no accept for this long is out of its episode: the next failure warns again. */
	private static final long EPISODE_GAP_NANOS = 10_000_000_000L;

	/** Held: java.util.logging keeps loggers weakly, and a new instance would lose the filter. */
	private final Logger acceptorLogger = Logger.getLogger(ACCEPTOR_LOGGER);

	private final @Nullable Filter previous;

	private final @Nullable MeterRegistry registry;

	/** Tomcat endpoint names (the acceptor thread's name before "-Acceptor") and whose they are. */
	private final Map<String, Listener> endpoints = new ConcurrentHashMap<>();

	private final Map<Listener, Integer> ports = new ConcurrentHashMap<>();

	private final Map<Listener, AtomicLong> lastFailure = new EnumMap<>(Listener.class);

	private final Map<Listener, Counter> pauses = new EnumMap<>(Listener.class);

	/** Read once: at the limit, reading how many are open needs a descriptor itself. */
	private final long descriptorLimit = DescriptorBudget.processLimit().orElse(-1);

	private volatile boolean closed;

	HttpAcceptFailures(ObjectProvider<MeterRegistry> registry) {
		this.registry = registry.getIfAvailable();
		for (Listener listener : Listener.values()) {
			this.lastFailure.put(listener, new AtomicLong(System.nanoTime() - EPISODE_GAP_NANOS));
			if (this.registry != null) {
				this.pauses.put(listener, AcceptPauses.counter(this.registry, listener));
			}
		}
		this.previous = this.acceptorLogger.getFilter();
		this.acceptorLogger.setFilter(this);
	}

	/** Learns which Tomcat endpoint serves which port: the management server says so by its namespace. */
	@EventListener
	void webServerStarted(WebServerInitializedEvent event) {
		Listener listener = "management".equals(event.getApplicationContext().getServerNamespace())
				? Listener.MANAGEMENT : Listener.HTTP;
		this.ports.put(listener, event.getWebServer().getPort());
		if (event.getWebServer() instanceof TomcatWebServer tomcat) {
			for (Connector connector : tomcat.getTomcat().getService().findConnectors()) {
				if (connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol) {
					String name = ObjectName.unquote(protocol.getName());
					this.endpoints.put(name, listener);
					// a port picked by the system: the endpoint was named before it was bound
					this.endpoints.put(name.replaceFirst("(-auto-\\d+)-\\d+$", "$1"), listener);
				}
			}
		}
	}

	@Override
	public boolean isLoggable(LogRecord record) {
		if (this.closed || !outOfDescriptors(record.getThrown())) {
			return passOn(record);
		}
		Listener listener = listenerOf(Thread.currentThread().getName());
		if (listener == null && this.previous != null) {
			return this.previous.isLoggable(record); // another application's Tomcat in this JVM (tests)
		}
		paused((listener != null) ? listener : Listener.HTTP, record.getThrown());
		return false;
	}

	private boolean passOn(LogRecord record) {
		return this.previous == null || this.previous.isLoggable(record);
	}

	private void paused(Listener listener, Throwable failure) {
		Counter counter = this.pauses.get(listener);
		if (counter != null) {
			counter.increment();
		}
		long now = System.nanoTime();
		long last = this.lastFailure.get(listener).getAndSet(now);
		if (now - last < EPISODE_GAP_NANOS) {
			return;
		}
		Integer port = this.ports.get(listener);
		logger.warn(((listener == Listener.MANAGEMENT) ? "management" : "HTTP") + " port "
				+ ((port != null) ? port : "?") + ": accepting paused, the process is out of file descriptors ("
				+ failure.getMessage() + ", limit " + this.descriptorLimit + "); Tomcat retries after at most 1.6 s. "
				+ "Logged once per episode; each pause counts in chat_accept_paused_total{listener=\""
				+ listener.tag() + "\"}");
	}

	private @Nullable Listener listenerOf(String threadName) {
		for (Map.Entry<String, Listener> endpoint : this.endpoints.entrySet()) {
			if (threadName.startsWith(endpoint.getKey() + "-")) {
				return endpoint.getValue();
			}
		}
		return null;
	}

	/** EMFILE (this process) or ENFILE (the whole system), as the JDK words them, anywhere in the causes. */
	static boolean outOfDescriptors(@Nullable Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			String message = cause.getMessage();
			if (message != null && message.contains("Too many open files")) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void destroy() {
		this.closed = true;
		if (this.acceptorLogger.getFilter() == this) {
			this.acceptorLogger.setFilter(this.previous);
		}
	}

}
