package com.chatrelay.tcp;

import java.nio.channels.ByteChannel;
import java.time.Duration;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import com.chatrelay.TcpProperties;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;

/**
 * TLS on the chat port, from the Spring Boot SSL bundle named by {@code chat.tcp.ssl.bundle}: the
 * bundle's SSLContext (replaced when Boot reloads the bundle: new connections present the new
 * certificate, open ones keep theirs), the pool that runs handshake computations off the selector
 * thread (and who may use it), the handshake deadline, and the count of failed handshakes.
 */
final class ChatTls implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(ChatTls.class);

	/** TLS 1.3 unless the bundle's options say otherwise: no renegotiation, one round trip. */
	private static final String[] DEFAULT_PROTOCOLS = { "TLSv1.3" };

	private final String bundleName;

	private final HandshakePool handshakes;

	private final Duration handshakeTimeout;

	private final @Nullable Counter handshakeFailures;

	private volatile Context current;

	ChatTls(SslBundles bundles, TcpProperties.Ssl settings, @Nullable MeterRegistry registry) {
		String bundleName = settings.bundle();
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
		AddressRates rates = (settings.handshakeRatePerAddress() > 0) ? new AddressRates(
				settings.handshakeRatePerAddress(), settings.handshakeBurstPerAddress(), System::nanoTime) : null;
		this.handshakes = new HandshakePool(Math.max(1, Runtime.getRuntime().availableProcessors()),
				settings.handshakeQueue(), rates, registry);
		this.handshakeTimeout = settings.handshakeTimeout();
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

	/**
	 * TLS for a newly accepted socket, with the certificate current now.
	 * @param address the client's address, asked for when its first handshake step is admitted
	 */
	TlsConnection open(ByteChannel channel, Supplier<String> address, Runnable readAgain) {
		Context context = this.current;
		return new TlsConnection(channel, context.sslContext(), context::engine, this.handshakes, address, readAgain);
	}

	/** How long a client has to finish its handshake ({@code chat.tcp.ssl.handshake-timeout}). */
	Duration handshakeTimeout() {
		return this.handshakeTimeout;
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
		this.handshakes.close();
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
