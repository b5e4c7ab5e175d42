package com.chatrelay.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * The test PKI under {@code src/test/resources/tls}: a CA and two server certificates it signed
 * (for {@code localhost} and {@code 127.0.0.1}, valid until 2126), committed so that TLS tests need
 * no tool at run time. Test keys only: they protect nothing.
 */
public final class TestTls {

	/** The properties that make the chat port speak TLS with server certificate 1 from the classpath. */
	public static final String[] PROPERTIES = { "chat.tcp.ssl.bundle=chat",
			"spring.ssl.bundle.pem.chat.keystore.certificate=classpath:tls/server1.crt",
			"spring.ssl.bundle.pem.chat.keystore.private-key=classpath:tls/server1.key" };

	private TestTls() {
	}

	/** A client context that trusts the test CA only. */
	public static SSLContext clientContext() {
		try (InputStream ca = resource("ca.crt")) {
			Certificate certificate = CertificateFactory.getInstance("X.509").generateCertificate(ca);
			KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
			trust.load(null, null);
			trust.setCertificateEntry("test-ca", certificate);
			TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trustManagers.init(trust);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trustManagers.getTrustManagers(), null);
			return context;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A real ClientHello for the relay on {@code port}, from a client engine of {@code context}: sent
	 * by hand, it starts a handshake the test never finishes (a stalled or flooding client).
	 */
	public static byte[] clientHello(SSLContext context, int port) {
		try {
			SSLEngine engine = context.createSSLEngine("localhost", port);
			engine.setUseClientMode(true);
			ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
			engine.wrap(ByteBuffer.allocate(0), out);
			out.flip();
			byte[] hello = new byte[out.remaining()];
			out.get(hello);
			return hello;
		}
		catch (SSLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The subject of the certificate a TLS client was shown. */
	public static String serverSubject(TestClient client) {
		try {
			return ((X509Certificate) client.tlsSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
		}
		catch (javax.net.ssl.SSLPeerUnverifiedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Copies a test file ({@code ca.crt}, {@code server1.key}, ...) to {@code target}, replacing it. */
	public static void copy(String name, Path target) {
		try (InputStream in = resource(name)) {
			Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static InputStream resource(String name) throws IOException {
		InputStream in = TestTls.class.getResourceAsStream("/tls/" + name);
		if (in == null) {
			throw new IOException("no test resource tls/" + name);
		}
		return in;
	}

}
