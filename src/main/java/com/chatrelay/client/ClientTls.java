package com.chatrelay.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The client's TLS: trust the system's certificate authorities ({@code --tls}) or those of a PEM
 * file ({@code --tls-ca}), and check that the certificate names the host, as browsers do.
 */
final class ClientTls {

	private final SSLContext context;

	private ClientTls(SSLContext context) {
		this.context = context;
	}

	/** Trusts the JDK's default certificate authorities (the system's, on most distributions). */
	static ClientTls systemTrust() throws GeneralSecurityException {
		return new ClientTls(SSLContext.getDefault());
	}

	/** Trusts the CA certificates of a PEM file only. */
	static ClientTls trusting(Path caFile) throws IOException, GeneralSecurityException {
		Collection<? extends Certificate> certificates;
		try (InputStream in = Files.newInputStream(caFile)) {
			certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
		}
		if (certificates.isEmpty()) {
			throw new GeneralSecurityException("no certificate in " + caFile);
		}
		KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
		trust.load(null, null);
		int i = 0;
		for (Certificate certificate : certificates) {
			trust.setCertificateEntry("ca-" + i++, certificate);
		}
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trustManagers.init(trust);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trustManagers.getTrustManagers(), null);
		return new ClientTls(context);
	}

	/** TLS over a connected socket, handshake done: fails if the server's certificate is not trusted for {@code host}. */
	SSLSocket wrap(Socket socket, String host, int port) throws IOException {
		SSLSocket tls = (SSLSocket) this.context.getSocketFactory().createSocket(socket, host, port, true);
		SSLParameters parameters = tls.getSSLParameters();
		parameters.setEndpointIdentificationAlgorithm("HTTPS");
		tls.setSSLParameters(parameters);
		tls.startHandshake();
		return tls;
	}

}
