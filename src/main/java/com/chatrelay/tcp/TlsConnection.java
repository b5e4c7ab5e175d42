package com.chatrelay.tcp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import tlschannel.HeapBufferAllocator;
import tlschannel.NeedsReadException;
import tlschannel.NeedsTaskException;
import tlschannel.NeedsWriteException;
import tlschannel.ServerTlsChannel;

/**
 * One connection's TLS layer: tls-channel's {@link ServerTlsChannel} (a non-blocking
 * {@code ByteChannel} over an {@link SSLEngine}) between the socket and the line framer.
 * <p>
 * Who drives what, so that no thread ever waits for the client:
 * <ul>
 * <li>the selector thread reads, and so drives the handshake; when it needs the socket writable it
 * waits for OP_WRITE on its own key, and the handshake's CPU-heavy steps (key exchange, signature)
 * run on the handshake pool, after which the selector reads again ({@link ReadWait}); the pool may
 * refuse a new handshake ({@link HandshakeRefusedException});</li>
 * <li>the outbound queue writes only once the handshake is done ({@link #awaitingPeer}); before, its
 * lines wait, and the selector thread flushes them when the handshake finishes;</li>
 * <li>encrypted bytes the socket could not take stay in tls-channel's buffer, released once
 * written, so an idle connection holds no TLS buffers at all.</li>
 * </ul>
 */
final class TlsConnection implements Wire {

	/** What the last read is waiting for before the selector should read again. */
	enum ReadWait {

		/** More bytes from the client (or nothing: read when readable). */
		READABLE(SelectionKey.OP_READ),
		/** The socket to take handshake bytes: select OP_WRITE, then read again. */
		WRITABLE(SelectionKey.OP_WRITE),
		/** A handshake task on the pool: nothing to select; the pool asks for a read when done. */
		TASK(0);

		private final int interestOps;

		ReadWait(int interestOps) {
			this.interestOps = interestOps;
		}

		int interestOps() {
			return this.interestOps;
		}

	}

	/** Buffers on the heap: allocated and released per connection as data passes, which direct memory makes slow. */
	private static final HeapBufferAllocator BUFFERS = new HeapBufferAllocator();

	private final ByteChannel channel;

	private final ServerTlsChannel tls;

	private final HandshakePool tasks;

	private final Supplier<String> address;

	private final Runnable readAgain;

	private volatile boolean established;

	// selector thread only
	private ReadWait readWait = ReadWait.READABLE;

	// selector thread only: whether the pool admitted this client, and then its handshake's first step
	private boolean clientAdmitted;

	// selector thread only
	private boolean admitted;

	// guarded by the outbound queue's lock, which every write holds
	private boolean outputPending;

	/**
	 * @param readAgain asks the selector thread to read this connection again (from the pool)
	 */
	TlsConnection(ByteChannel channel, SSLContext context, Function<SSLContext, SSLEngine> engines,
			HandshakePool tasks, Supplier<String> address, Runnable readAgain) {
		this.channel = channel;
		this.tasks = tasks;
		this.address = address;
		this.readAgain = readAgain;
		this.tls = ServerTlsChannel.newBuilder(channel, context)
			.withEngineFactory(engines)
			.withRunTasks(false)
			.withPlainBufferAllocator(BUFFERS)
			.withEncryptedBufferAllocator(BUFFERS)
			.withReleaseBuffers(true)
			.withSessionInitCallback((session) -> this.established = true)
			.build();
	}

	/** Whether the handshake is done: application data flows. */
	boolean established() {
		return this.established;
	}

	/** What the selector should wait for before reading again; selector thread only. */
	ReadWait readWait() {
		return this.readWait;
	}

	/**
	 * Reads decrypted bytes, driving the handshake as needed; selector thread only.
	 * @return the bytes read, 0 when there is nothing now (see {@link #readWait}), -1 at the end of
	 * the client's stream (FIN or close_notify)
	 * @throws IOException when the socket fails or the client does not speak TLS
	 * @throws HandshakeRefusedException when the handshake pool does not take this client's hello
	 */
	int read(ByteBuffer target) throws IOException {
		this.readWait = ReadWait.READABLE;
		if (!this.clientAdmitted) {
			this.clientAdmitted = true;
			this.tasks.admitClient(this.address.get()); // before a byte of TLS is parsed
		}
		try {
			return this.tls.read(target);
		}
		catch (NeedsReadException ex) {
			return 0;
		}
		catch (NeedsWriteException ex) {
			this.readWait = ReadWait.WRITABLE;
			return 0;
		}
		catch (NeedsTaskException ex) {
			this.readWait = ReadWait.TASK;
			runOnPool(ex.getTask());
			return 0;
		}
	}

	private void runOnPool(Runnable task) throws IOException {
		boolean first = !this.admitted;
		this.tasks.execute(this.address.get(), first, () -> {
			try {
				if (this.channel.isOpen()) { // a client that sent a costly hello and left costs nothing more
					task.run();
				}
			}
			finally {
				this.readAgain.run();
			}
		});
		this.admitted = true;
	}

	// ---- out: with the outbound queue's lock held ----

	@Override
	public int write(ByteBuffer source) throws IOException {
		int before = source.position();
		this.outputPending = false;
		try {
			this.tls.write(source);
		}
		catch (NeedsWriteException ex) {
			this.outputPending = true; // what was encrypted waits in tls-channel for the next write
		}
		return source.position() - before;
	}

	@Override
	public boolean outputPending() {
		return this.outputPending;
	}

	@Override
	public boolean awaitingPeer() {
		return !this.established;
	}

	/**
	 * After a failed handshake, sends the alert the engine prepared (a TLS 1.2-only client reads
	 * {@code protocol_version}, one that shares no cipher {@code handshake_failure}), so the client can
	 * say why instead of seeing a bare end of stream. Best effort, non-blocking: a few bytes the socket
	 * takes at once or never.
	 */
	void sendFailureAlert() {
		SSLEngine engine = this.tls.getSslEngine();
		if (engine == null) { // not even a hello to answer
			return;
		}
		ByteBuffer alert = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
		try {
			engine.wrap(ByteBuffer.allocate(0), alert);
			alert.flip();
			if (alert.hasRemaining()) {
				this.channel.write(alert);
			}
		}
		catch (IOException | RuntimeException ex) {
			// the engine had no alert to give, or the socket is gone: the close goes on without it
		}
	}

	/**
	 * Sends close_notify, as much as the socket takes now: a graceful close tells a TLS client the
	 * conversation ended, not that it was cut. Best effort: a full or failed socket closes anyway.
	 */
	void closeNotify() {
		if (!this.established) {
			return;
		}
		try {
			this.tls.shutdown();
		}
		catch (IOException ex) {
			// a full or broken socket: the close goes on without it
		}
	}

}
