package com.chatrelay.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** A chat user on a real socket: sends raw lines, reads lines with a timeout. */
public final class TestClient implements AutoCloseable {

	public static final int READ_TIMEOUT_MILLIS = 5000;

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private String name;

	/** The last lines read, for failure messages. */
	private final java.util.ArrayDeque<String> recent = new java.util.ArrayDeque<>();

	/** How the server ended the stream, once a read saw it end; null while it is open. */
	private Ending ending;

	private TestClient(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new BufferedInputStream(socket.getInputStream());
		this.out = socket.getOutputStream();
	}

	public static TestClient connect(int port) {
		return connect(port, 0);
	}

	/** @param receiveBuffer SO_RCVBUF to ask for before connecting, 0 for the default */
	public static TestClient connect(int port, int receiveBuffer) {
		return connect(null, port, receiveBuffer);
	}

	/**
	 * Connects from another loopback address ({@code 127.0.0.5}), as a client on another host
	 * would: the relay (or a proxy in front of it) sees that address.
	 */
	public static TestClient connectFrom(String localAddress, int port) {
		return connect(localAddress, port, 0);
	}

	/** Connects from another loopback address and logs in as {@code name}. */
	public static TestClient loginFrom(String localAddress, int port, String name) {
		return connect(localAddress, port, 0).loginAs(name);
	}

	private static TestClient connect(String localAddress, int port, int receiveBuffer) {
		try {
			Socket socket = new Socket();
			if (receiveBuffer > 0) {
				socket.setReceiveBufferSize(receiveBuffer);
			}
			if (localAddress != null) {
				socket.bind(new InetSocketAddress(localAddress, 0));
			}
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			socket.setSoTimeout(READ_TIMEOUT_MILLIS);
			socket.setTcpNoDelay(true);
			return new TestClient(socket);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Connects over TLS, checking the server's certificate against {@code context}'s trust and its
	 * name against {@code localhost}, as a careful client does.
	 */
	public static TestClient connectTls(int port, SSLContext context) {
		return connectTls(port, context, 0);
	}

	/** @param receiveBuffer SO_RCVBUF to ask for before connecting, 0 for the default */
	public static TestClient connectTls(int port, SSLContext context, int receiveBuffer) {
		return connectTls(null, port, context, receiveBuffer);
	}

	/** Connects over TLS from another loopback address, see {@link #connectFrom}. */
	public static TestClient connectTlsFrom(String localAddress, int port, SSLContext context) {
		return connectTls(localAddress, port, context, 0);
	}

	/** Logs in over TLS from another loopback address ({@code 127.0.0.2}): another client's, to the relay. */
	public static TestClient loginTlsFrom(String localAddress, int port, SSLContext context, String name) {
		return connectTls(localAddress, port, context, 0).loginAs(name);
	}

	private static TestClient connectTls(String localAddress, int port, SSLContext context, int receiveBuffer) {
		try {
			Socket plain = new Socket();
			if (receiveBuffer > 0) {
				plain.setReceiveBufferSize(receiveBuffer);
			}
			if (localAddress != null) {
				plain.bind(new InetSocketAddress(localAddress, 0));
			}
			plain.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			return tlsOver(plain, context);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Starts TLS over a connected socket (one that already sent a PROXY header, say), checking the
	 * server as {@link #connectTls} does.
	 */
	public static TestClient tlsOver(Socket plain, SSLContext context) {
		try {
			plain.setTcpNoDelay(true);
			SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, "localhost", plain.getPort(), true);
			SSLParameters parameters = socket.getSSLParameters();
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			socket.setSSLParameters(parameters);
			socket.setSoTimeout(READ_TIMEOUT_MILLIS);
			socket.startHandshake();
			return new TestClient(socket);
		}
		catch (IOException ex) {
			try {
				plain.close(); // a failed handshake leaves nothing open on either side
			}
			catch (IOException closing) {
				ex.addSuppressed(closing);
			}
			throw new UncheckedIOException(ex);
		}
	}

	/** Connects over TLS and logs in as {@code name}. */
	public static TestClient loginTls(int port, SSLContext context, String name) {
		return connectTls(port, context).loginAs(name);
	}

	/** The socket's TLS session, for a test that looks at the certificate. */
	public javax.net.ssl.SSLSession tlsSession() {
		return ((SSLSocket) this.socket).getSession();
	}

	/** Connects and logs in as {@code name}, checking the prompt and the welcome line. */
	public static TestClient login(int port, String name) {
		return connect(port).loginAs(name);
	}

	/** Logs in; a failed login closes the socket, so a test that retries it (Awaitility) leaves nothing open. */
	public TestClient loginAs(String name) {
		boolean welcomed = false;
		try {
			expectLine("Enter your name:");
			send(name);
			assertThat(readLine()).startsWith("[SERVER] welcome, " + name + "! ");
			welcomed = true;
		}
		finally {
			if (!welcomed) {
				close(); // the failure itself goes on to the test
			}
		}
		this.name = name;
		return this;
	}

	public String name() {
		return this.name;
	}

	public void send(String line) {
		sendRaw((line + "\n").getBytes(StandardCharsets.UTF_8));
	}

	public void sendRaw(byte[] bytes) {
		try {
			this.out.write(bytes);
			this.out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The next line without its LF, or null at the end of the stream; fails on timeout. */
	public String readLine() {
		byte[] bytes = readLineBytes();
		String line = (bytes != null) ? new String(bytes, StandardCharsets.UTF_8) : null;
		if (line != null) {
			if (this.recent.size() == 10) {
				this.recent.pollFirst();
			}
			this.recent.addLast(line);
		}
		return line;
	}

	/**
	 * The next line, or null at the end of the stream or when no byte comes for {@code within}
	 * (a long quiet spell is expected here, not a failure).
	 */
	public String readLine(java.time.Duration within) {
		try {
			this.socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, within.toMillis()));
			byte[] line = readUntilLf(new ByteArrayOutputStream());
			return (line != null) ? new String(line, StandardCharsets.UTF_8) : null;
		}
		catch (SocketTimeoutException ex) {
			return null; // quiet for that long: no line
		}
		catch (SocketException ex) {
			return null; // closed on this side before the read: no line
		}
		catch (UncheckedIOException ex) {
			if (this.socket.isClosed()) {
				return null; // closed on this side meanwhile (a reader thread's end): no line
			}
			throw ex;
		}
		finally {
			try {
				this.socket.setSoTimeout(READ_TIMEOUT_MILLIS);
			}
			catch (SocketException ex) {
				// closed meanwhile: nothing more to read anyway
			}
		}
	}

	public byte[] readLineBytes() {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		try {
			return readUntilLf(line);
		}
		catch (SocketTimeoutException ex) {
			fail("no complete line within " + READ_TIMEOUT_MILLIS + " ms for " + this.name + "; got so far: " + line
					+ "; the lines before: " + this.recent);
			return null;
		}
	}

	/**
	 * The bytes up to the next LF, or null at the end of the stream, which {@link #ending} then
	 * says: -1 is a graceful close, "Connection reset" a reset. A timeout is the caller's to judge.
	 */
	private byte[] readUntilLf(ByteArrayOutputStream line) throws SocketTimeoutException {
		try {
			int b;
			while ((b = this.in.read()) != -1) {
				if (b == '\n') {
					return line.toByteArray();
				}
				line.write(b);
			}
			this.ending = Ending.GRACEFUL;
			return null;
		}
		catch (SocketTimeoutException ex) {
			throw ex;
		}
		catch (SocketException ex) {
			if (this.socket.isClosed()) {
				throw new UncheckedIOException("read after this test closed the socket of " + this.name, ex);
			}
			this.ending = Ending.ofFailedRead(ex);
			return null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public void expectLine(String expected) {
		assertThat(readLine()).isEqualTo(expected);
	}

	/** Reads lines until one matches, skipping others (join notices and the like). */
	public String awaitLine(Predicate<String> wanted) {
		while (true) {
			String line = readLine();
			if (line == null) {
				fail("connection closed before the expected line");
			}
			if (wanted.test(line)) {
				return line;
			}
		}
	}

	public String awaitLine(String exact) {
		return awaitLine(exact::equals);
	}

	/** Reads lines until one matches within {@code within} (longer than the usual read timeout), skipping others. */
	public String awaitLine(Predicate<String> wanted, java.time.Duration within) {
		long deadline = System.nanoTime() + within.toNanos();
		try {
			while (true) {
				long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
				this.socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
				String line = readLine();
				if (line == null) {
					fail("connection closed before the expected line");
				}
				if (wanted.test(line)) {
					return line;
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			try {
				this.socket.setSoTimeout(READ_TIMEOUT_MILLIS);
			}
			catch (SocketException ex) {
				// closed meanwhile: nothing more to read anyway
			}
		}
	}

	/**
	 * Asserts that the server closes the connection gracefully (FIN after the last line), with no
	 * line before that; a reset fails.
	 */
	public void expectClosed() {
		expectEnd(Ending.GRACEFUL);
	}

	/** Asserts that the server resets the connection, with no line before that. */
	public void expectReset() {
		expectEnd(Ending.RESET);
	}

	/**
	 * Asserts that the server ends the connection, gracefully or with a reset, with no line before
	 * that: for a test where the relay is allowed either (the caller says why).
	 */
	public Ending expectClosedOrReset() {
		assertThat(readLine()).as("the server should have ended the connection").isNull();
		return this.ending;
	}

	/** Asserts that the server closes the connection gracefully, skipping any lines before that. */
	public void awaitClosed() {
		skipToEnd();
		assertEnding(Ending.GRACEFUL);
	}

	/** Asserts that the server ends the connection, gracefully or with a reset, skipping any lines before that. */
	public Ending awaitClosedOrReset() {
		skipToEnd();
		return this.ending;
	}

	/** How the server ended the stream, or null when no read has seen it end yet. */
	public Ending ending() {
		return this.ending;
	}

	private void skipToEnd() {
		while (readLine() != null) {
			// skip what was still queued
		}
	}

	private void expectEnd(Ending expected) {
		assertThat(readLine()).as("the server should have ended the connection").isNull();
		assertEnding(expected);
	}

	private void assertEnding(Ending expected) {
		assertThat(this.ending).as("how the server ended the connection of %s (the lines before: %s)", this.name,
				this.recent).isEqualTo(expected);
	}

	/** Closes the sending side only, as {@code printf ... | nc -N} does: the client still reads. */
	public void shutdownOutput() {
		try {
			this.socket.shutdownOutput();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Closes with a reset (SO_LINGER 0), as a crashing client or a hostile one does. */
	public void reset() {
		try {
			this.socket.setSoLinger(true, 0);
			this.socket.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Every line until the server closes the connection, which must be a graceful close (FIN). */
	public java.util.List<String> readUntilClosed() {
		java.util.List<String> lines = new java.util.ArrayList<>();
		String line;
		while ((line = readLine()) != null) {
			lines.add(line);
		}
		assertEnding(Ending.GRACEFUL);
		return lines;
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closing a test socket: nothing to do
		}
	}

}
