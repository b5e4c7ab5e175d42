package com.chatrelay.tcp;

import com.chatrelay.logging.QuietLog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Writes to sockets that were full when the selector thread flushed them, and the lines queued by
 * threads other than the selector's. Each loop waits for OP_WRITE on its own selector and never
 * blocks on a socket, so a client that does not read costs memory up to its limit, not time.
 */
final class SocketWriter implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(SocketWriter.class);

	/**
	 * A loop that wrote less than this long ago waits out the rest before writing again: in a busy
	 * room each system call then carries the lines of several selector rounds, not one (the cost
	 * of a busy room is system calls, not bytes). An idle loop writes at once.
	 */
	static final long COALESCE_NANOS = 1_000_000;

	private final Loop[] loops;

	private final AtomicInteger next = new AtomicInteger();

	SocketWriter(int threads) {
		CustomizableThreadFactory threadFactory = new CustomizableThreadFactory("chat-writer-");
		threadFactory.setDaemon(true);
		this.loops = new Loop[threads];
		for (int i = 0; i < threads; i++) {
			this.loops[i] = new Loop();
			this.loops[i].thread = threadFactory.newThread(this.loops[i]);
			this.loops[i].thread.start();
		}
	}

	/** Picks the loop that will serve a connection for its whole life. */
	Loop assign() {
		return this.loops[Math.floorMod(this.next.getAndIncrement(), this.loops.length)];
	}

	@Override
	public void close() {
		for (Loop loop : this.loops) {
			loop.stop();
		}
	}

	/** One writer thread with its selector and the connections it has to write to. */
	static final class Loop implements Runnable {

		private Thread thread;

		private final Selector selector;

		private final ConcurrentLinkedQueue<ChatNioConnection> ready = new ConcurrentLinkedQueue<>();

		private final ByteBuffer buffer = ByteBuffer.allocateDirect(SelectorRound.WRITE_CHUNK);

		private final QuietLog failures = new QuietLog(logger, QuietLog.Detail.STACK_TRACE);

		private volatile boolean running = true;

		Loop() {
			try {
				this.selector = Selector.open();
			}
			catch (IOException ex) {
				throw new IllegalStateException("cannot open a selector", ex);
			}
		}

		/** Called by any thread that hands this loop a pending connection. */
		void schedule(ChatNioConnection connection) {
			this.ready.add(connection);
			this.selector.wakeup();
		}

		void stop() {
			this.running = false;
			this.selector.wakeup();
			try {
				this.thread.join(2000);
				this.selector.close();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (IOException ex) {
				logger.debug("closing the writer selector", ex);
			}
		}

		@Override
		public void run() {
			List<ChatNioConnection> round = new ArrayList<>();
			List<ChatNioConnection> again = new ArrayList<>();
			long lastPass = 0;
			while (this.running) {
				try {
					if (again.isEmpty() && this.ready.isEmpty()) {
						this.selector.select(1000);
					}
					else {
						this.selector.selectNow();
					}
					long sinceLastPass = System.nanoTime() - lastPass;
					if (sinceLastPass < COALESCE_NANOS) {
						// busy: let the lines of the next few rounds join this write
						LockSupport.parkNanos(COALESCE_NANOS - sinceLastPass);
					}
					lastPass = System.nanoTime();
				}
				catch (IOException | RuntimeException ex) {
					this.failures.warn("writer select failed", ex);
					continue;
				}
				for (SelectionKey key : this.selector.selectedKeys()) {
					if (key.isValid()) {
						key.interestOps(0);
					}
					again.add((ChatNioConnection) key.attachment());
				}
				this.selector.selectedKeys().clear();
				ChatNioConnection connection;
				while ((connection = this.ready.poll()) != null) {
					again.add(connection);
				}
				// this round's connections; those with more to write go to the next round
				List<ChatNioConnection> swap = round;
				round = again;
				again = swap;
				for (int i = 0; i < round.size(); i++) {
					writeOnce(round.get(i), again);
				}
				round.clear();
			}
		}

		/** One connection's failure stays with that connection. */
		private void writeOnce(ChatNioConnection connection, List<ChatNioConnection> again) {
			try {
				switch (connection.flush(this.buffer)) {
					case MORE -> again.add(connection);
					case SOCKET_FULL -> waitForWritable(connection);
					default -> {
					}
				}
			}
			catch (RuntimeException ex) {
				this.failures.warn("writing to " + connection.getConnectionId() + " failed; closing it", ex);
				connection.close();
			}
		}

		private void waitForWritable(ChatNioConnection connection) {
			try {
				SelectionKey key = connection.channel().keyFor(this.selector);
				if (key == null) {
					connection.channel().register(this.selector, SelectionKey.OP_WRITE, connection);
				}
				else {
					key.interestOps(SelectionKey.OP_WRITE);
				}
			}
			catch (ClosedChannelException | CancelledKeyException ex) {
				connection.close();
			}
		}

	}

}
