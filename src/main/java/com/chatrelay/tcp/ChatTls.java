package com.chatrelay.tcp;

import java.nio.channels.ByteChannel;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * TLS on the chat port, from the Spring Boot SSL bundle named by {@code chat.tcp.ssl.bundle}: the
 * bundle's SSLContext (replaced when Boot reloads the bundle: new connections present the new
 * certificate, open ones keep theirs), the pool that runs handshake computations off the selector
 * thread, and the count of failed handshakes.
 */
final class ChatTls implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(ChatTls.class);

	/** TLS 1.3 unless the bundle's options say otherwise: no renegotiation, one round trip. */
	private static final String[] DEFAULT_PROTOCOLS = { "TLSv1.3" };

	private final String bundleName;

	private final ExecutorService handshakes;

	private final @Nullable Counter handshakeFailures;

	private volatile Context current;

	ChatTls(SslBundles bundles, String bundleName, @Nullable MeterRegistry registry) {
		this.bundleName = bundleName;
		SslBundle bundle;
		try {
			bundle = bundles.getBundle(bundleName);
		}
		catch (NoSuchSslBundleException ex) {
			throw new UnknownTlsBundleException(bundleName, bundles.getBundleNames(), ex);
		}
		this.current = new Context(bundle);
		bundles.addBundleUpdateHandler(bundleName, this::reloaded);
		CustomizableThreadFactory threads = new CustomizableThreadFactory("chat-tls-");
		threads.setDaemon(true);
		this.handshakes = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()),
				threads);
		this.handshakeFailures = (registry != null) ? Counter.builder("chat.tls.handshake.failures")
			.description("TLS handshakes on the chat port that failed (a client that does not speak TLS, "
					+ "does not trust the certificate, or shares no protocol)")
			.register(registry) : null;
	}

	private void reloaded(SslBundle bundle) {
		this.current = new Context(bundle);
		logger.info("chat port TLS: SSL bundle '" + this.bundleName
				+ "' reloaded; new connections use its new certificate");
	}

	/** TLS for a newly accepted socket, with the certificate current now. */
	TlsConnection open(ByteChannel channel, Runnable readAgain) {
		Context context = this.current;
		return new TlsConnection(channel, context.sslContext(), context::engine, this.handshakes, readAgain);
	}

	/** A client's handshake failed: counted, and logged at DEBUG only (peers on a public port do that). */
	void handshakeFailed(String connectionId, Exception failure) {
		if (this.handshakeFailures != null) {
			this.handshakeFailures.increment();
		}
		if (logger.isDebugEnabled()) {
			logger.debug(connectionId + ": TLS handshake failed: " + failure);
		}
	}

	@Override
	public void close() {
		this.handshakes.shutdownNow();
	}

	/** One version of the bundle: its SSLContext and the options every engine gets. */
	private record Context(SSLContext sslContext, SslOptions options) {

		Context(SslBundle bundle) {
			this(bundle.createSslContext(), bundle.getOptions());
		}

		SSLEngine engine(SSLContext context) {
			SSLEngine engine = context.createSSLEngine();
			engine.setUseClientMode(false);
			String[] protocols = this.options.getEnabledProtocols();
			engine.setEnabledProtocols((protocols != null) ? protocols : DEFAULT_PROTOCOLS);
			String[] ciphers = this.options.getCiphers();
			if (ciphers != null) {
				engine.setEnabledCipherSuites(ciphers);
			}
			return engine;
		}

	}

}
