package com.chatrelay.tcp;

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

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Writes queued lines to sockets from a few threads of its own, never blocking: a socket whose
 * buffer is full waits for OP_WRITE on this writer's selector while the thread serves the others.
 * <p>
 * Spring Integration's own NIO send blocks the calling thread while the peer does not read, which
 * would let one stuck client stall everybody; this is why outbound bytes take this path.
 */
final class SocketWriter implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(SocketWriter.class);

	/** Bytes written to one socket in one system call, at most; also the fairness quantum. */
	static final int WRITE_CHUNK = 64 * 1024;

	private final Loop[] loops;

	private final AtomicInteger next = new AtomicInteger();

	SocketWriter(int threads) {
		this.loops = new Loop[threads];
		for (int i = 0; i < threads; i++) {
			this.loops[i] = new Loop("chat-writer-" + i);
			this.loops[i].thread.start();
		}
	}

	/** Picks the loop that will serve a new connection for its whole life. */
	Loop assign() {
		return this.loops[Math.floorMod(this.next.getAndIncrement(), this.loops.length)];
	}

	@Override
	public void close() {
		for (Loop loop : this.loops) {
			loop.stop();
		}
	}

	/** One writer thread with its selector and its queue of connections that have bytes to write. */
	static final class Loop implements Runnable {

		private final Thread thread;

		private final Selector selector;

		private final ConcurrentLinkedQueue<TcpClientConnection> ready = new ConcurrentLinkedQueue<>();

		private final ByteBuffer buffer = ByteBuffer.allocateDirect(WRITE_CHUNK);

		private volatile boolean running = true;

		Loop(String name) {
			try {
				this.selector = Selector.open();
			}
			catch (IOException ex) {
				throw new IllegalStateException("cannot open a selector", ex);
			}
			this.thread = new Thread(this, name);
			this.thread.setDaemon(true);
		}

		/** Called by any thread when a connection goes from nothing to write to something. */
		void schedule(TcpClientConnection connection) {
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
			List<TcpClientConnection> again = new ArrayList<>();
			List<TcpClientConnection> round = new ArrayList<>();
			while (this.running) {
				try {
					if (again.isEmpty() && this.ready.isEmpty()) {
						this.selector.select(1000);
					}
					else {
						this.selector.selectNow();
					}
					for (SelectionKey key : this.selector.selectedKeys()) {
						if (key.isValid()) {
							key.interestOps(0);
						}
						again.add((TcpClientConnection) key.attachment());
					}
					this.selector.selectedKeys().clear();
					TcpClientConnection connection;
					while ((connection = this.ready.poll()) != null) {
						again.add(connection);
					}
					// this round's connections; those with more to write go to the next round
					List<TcpClientConnection> swap = round;
					round = again;
					again = swap;
					again.clear();
					for (TcpClientConnection each : round) {
						writeOnce(each, again);
					}
				}
				catch (IOException | RuntimeException ex) {
					if (this.running) {
						logger.error("writer loop failed; continuing", ex);
					}
				}
			}
		}

		private void writeOnce(TcpClientConnection connection, List<TcpClientConnection> again) {
			switch (connection.writeSome(this.buffer)) {
				case MORE -> again.add(connection);
				case SOCKET_FULL -> waitForWritable(connection);
				case IDLE -> {
				}
			}
		}

		private void waitForWritable(TcpClientConnection connection) {
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
				connection.closeNow();
			}
		}

	}

}
