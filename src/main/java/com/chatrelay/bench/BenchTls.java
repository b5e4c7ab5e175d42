package com.chatrelay.bench;

import java.io.IOException;
import java.net.Socket;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import tlschannel.ClientTlsChannel;
import tlschannel.NeedsReadException;
import tlschannel.NeedsWriteException;
import tlschannel.TlsChannel;

/**
 * The load generator's TLS (with {@code --tls}): tls-channel over each non-blocking socket, as the
 * relay does. It encrypts what it measures but checks no certificate: it measures a relay, it does
 * not protect a conversation, and must run against a self-signed test certificate.
 */
final class BenchTls {

	private final SSLContext context;

	BenchTls() {
		try {
			this.context = SSLContext.getInstance("TLS");
			this.context.init(null, new TrustManager[] { new TrustingAnyCertificate() }, null);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("no TLS in this JDK", ex);
		}
	}

	/** TLS over a connected socket; the handshake starts at once and goes on as the socket is read. */
	ByteChannel open(SocketChannel channel, SelectionKey key) throws IOException {
		TlsChannel tls = ClientTlsChannel.newBuilder(channel, this.context).build();
		try {
			tls.handshake();
		}
		catch (NeedsReadException ex) {
			// the ClientHello is out; the server's answer comes with OP_READ
		}
		catch (NeedsWriteException ex) {
			key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
		}
		return tls;
	}

	/** Accepts every certificate: see the class comment. */
	private static final class TrustingAnyCertificate extends X509ExtendedTrustManager {

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) {
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) {
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return new X509Certificate[0];
		}

	}

}
