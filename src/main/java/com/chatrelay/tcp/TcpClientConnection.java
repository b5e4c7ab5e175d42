package com.chatrelay.tcp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.chatrelay.chat.ChatMetrics;
import com.chatrelay.chat.ClientConnection;
import com.chatrelay.chat.Session;

import org.springframework.integration.ip.tcp.connection.TcpConnection;

/**
 * One accepted socket: its Spring Integration connection (reading, closing), its bounded outbound
 * queue (written by a {@link SocketWriter} loop) and the order of its inbound lines.
 * <p>
 * Lock discipline: the outbound fields are guarded by {@code this}; the inbound sequence by
 * {@code inboundLock}; no method holds both, and no lock is held during a system call.
 */
final class TcpClientConnection implements ClientConnection {

	enum WriteResult { IDLE, MORE, SOCKET_FULL }

	private static final long REGISTRATION_WAIT_MILLIS = 5;

	private final TcpConnection connection;

	private final SocketChannel channel;

	private final SocketWriter.Loop writer;

	private final long outboundLimit;

	private final ScheduledExecutorService timer;

	private final Duration closeLinger;

	private final ChatMetrics metrics;

	private volatile Session session;

	// guarded by this
	private final ArrayDeque<byte[]> queue = new ArrayDeque<>();

	// guarded by this: bytes of the head line already written
	private int headOffset;

	// written under this, read without it by the admin API
	private volatile long pendingBytes;

	// guarded by this: a writer loop owns this connection until it is drained
	private boolean scheduled;

	// guarded by this
	private boolean closeWhenDrained;

	private volatile boolean closed;

	private final Object inboundLock = new Object();

	// guarded by inboundLock
	private long nextSequence = 1;

	// guarded by inboundLock: lines that overtook an earlier one (rare, see Spring Integration's NIO notes)
	private Map<Long, byte[]> early;

	TcpClientConnection(TcpConnection connection, SocketChannel channel, SocketWriter.Loop writer,
			long outboundLimit, ScheduledExecutorService timer, Duration closeLinger, ChatMetrics metrics) {
		this.connection = connection;
		this.channel = channel;
		this.writer = writer;
		this.outboundLimit = outboundLimit;
		this.timer = timer;
		this.closeLinger = closeLinger;
		this.metrics = metrics;
	}

	@Override
	public String id() {
		return this.connection.getConnectionId();
	}

	@Override
	public String remoteAddress() {
		return this.connection.getHostAddress() + ":" + this.connection.getPort();
	}

	Session session() {
		return this.session;
	}

	void session(Session session) {
		this.session = session;
	}

	SocketChannel channel() {
		return this.channel;
	}

	// ---- inbound ----

	/**
	 * Hands lines to {@code sink} in the order they were read, one at a time. With NIO, Spring
	 * Integration may deliver line n+1 on another thread before line n; the sequence number it
	 * stamps when it frames the line restores the order.
	 */
	void inbound(long sequence, byte[] line, Consumer<byte[]> sink) {
		synchronized (this.inboundLock) {
			if (sequence != this.nextSequence) {
				if (this.early == null) {
					this.early = new HashMap<>();
				}
				this.early.put(sequence, line);
				return;
			}
			sink.accept(line);
			this.nextSequence++;
			if (this.early != null) {
				byte[] waiting;
				while ((waiting = this.early.remove(this.nextSequence)) != null) {
					sink.accept(waiting);
					this.nextSequence++;
				}
			}
		}
	}

	// ---- outbound ----

	@Override
	public boolean offer(byte[] line) {
		synchronized (this) {
			if (this.closed || this.closeWhenDrained) {
				return true; // on its way out: nothing more is sent, and that is not an overflow
			}
			if (this.pendingBytes + line.length > this.outboundLimit) {
				return false;
			}
			this.queue.addLast(line);
			this.pendingBytes += line.length;
			if (this.scheduled) {
				return true;
			}
			this.scheduled = true;
		}
		this.writer.schedule(this);
		return true;
	}

	@Override
	public long pendingBytes() {
		return this.pendingBytes;
	}

	/**
	 * Writes up to one chunk without blocking. Called only by the writer loop that owns this
	 * connection.
	 */
	WriteResult writeSome(ByteBuffer buffer) {
		buffer.clear();
		synchronized (this) {
			if (this.closed) {
				return WriteResult.IDLE;
			}
			int offset = this.headOffset;
			for (byte[] line : this.queue) {
				int length = Math.min(line.length - offset, buffer.remaining());
				buffer.put(line, offset, length);
				offset = 0;
				if (!buffer.hasRemaining()) {
					break;
				}
			}
		}
		buffer.flip();
		int wanted = buffer.remaining();
		int written;
		try {
			written = (wanted == 0) ? 0 : this.channel.write(buffer);
		}
		catch (IOException ex) {
			closeNow();
			return WriteResult.IDLE;
		}
		if (written > 0) {
			this.metrics.bytesSent(written);
		}
		boolean closeNow = false;
		WriteResult result;
		synchronized (this) {
			consume(written);
			if (this.queue.isEmpty()) {
				this.scheduled = false;
				closeNow = this.closeWhenDrained;
				notifyAll();
				result = WriteResult.IDLE;
			}
			else {
				result = (written < wanted) ? WriteResult.SOCKET_FULL : WriteResult.MORE;
			}
		}
		if (closeNow) {
			closeNow();
		}
		return result;
	}

	// called with the lock held
	private void consume(int written) {
		this.pendingBytes -= written;
		int left = written;
		while (left > 0) {
			byte[] head = this.queue.peekFirst();
			int rest = head.length - this.headOffset;
			if (left >= rest) {
				this.queue.pollFirst();
				this.headOffset = 0;
				left -= rest;
			}
			else {
				this.headOffset += left;
				left = 0;
			}
		}
	}

	/** Waits, for at most {@code timeout}, until everything queued has been handed to the socket. */
	void awaitDrained(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this) {
			while (this.scheduled && !this.closed) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return;
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this, left);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	@Override
	public void closeAfterFlush() {
		synchronized (this) {
			if (this.closed || this.closeWhenDrained) {
				return;
			}
			this.closeWhenDrained = true;
			if (this.scheduled) {
				// a client that does not read must not hold the connection open for ever
				this.timer.schedule(this::closeNow, this.closeLinger.toMillis(), TimeUnit.MILLISECONDS);
				return;
			}
		}
		closeNow();
	}

	@Override
	public void closeNow() {
		if (this.channel.isOpen() && !this.channel.isRegistered()) {
			// Spring Integration registers the channel with its selector just after the open event;
			// closing it before that makes it log an error, so a refusal waits for the registration
			this.timer.schedule(this::closeNow, REGISTRATION_WAIT_MILLIS, TimeUnit.MILLISECONDS);
			return;
		}
		synchronized (this) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			this.queue.clear();
			this.pendingBytes = 0;
			this.scheduled = false;
			notifyAll();
		}
		this.connection.close();
	}

	/** The socket was closed by the other side or by Spring Integration. */
	void closed() {
		synchronized (this) {
			this.closed = true;
			this.queue.clear();
			this.pendingBytes = 0;
			notifyAll();
		}
	}

}
