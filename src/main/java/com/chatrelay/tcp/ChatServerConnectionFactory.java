package com.chatrelay.tcp;

import com.chatrelay.logging.QuietLog;

import java.io.UncheckedIOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Executor;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.connection.TcpNioConnection;
import org.springframework.integration.ip.tcp.connection.TcpNioServerConnectionFactory;

/**
 * Spring Integration's NIO server factory with one thread for the whole chat port: it accepts,
 * reads and frames on its selector thread, and writes what a round queued before it selects again.
 * <p>
 * Spring Integration's own round hands every readable socket to a pool thread, which hands the
 * bytes to an assembler task that blocks until a line is complete: a thread per client with half
 * a line, four thread hops per line, and lines of one client racing each other. Here the round
 * reads each ready socket once, in place, so a line costs no hop before the server and no thread
 * ever waits for a client.
 */
class ChatServerConnectionFactory extends TcpNioServerConnectionFactory {

	private static final Log logger = LogFactory.getLog(ChatServerConnectionFactory.class);

	/** How often closed connections are swept from Spring Integration's maps (it does so every round). */
	private static final long SWEEP_INTERVAL_NANOS = 1_000_000_000L;

	private final SelectorRound round;

	private final QuietLog failures = new QuietLog(logger, QuietLog.Detail.STACK_TRACE);

	private final AcceptPause acceptPause;

	/** Runs the factory's own loop on the selector thread; anything else it is given runs in place. */
	private final Executor executor = this::execute;

	private long lastSweep = System.nanoTime();

	ChatServerConnectionFactory(int port, SelectorRound round, AcceptPause acceptPause) {
		super(port);
		this.round = round;
		this.acceptPause = acceptPause;
	}

	@Override
	protected Executor getTaskExecutor() {
		return this.executor;
	}

	private void execute(Runnable task) {
		if (task == this) {
			Thread thread = new Thread(task, "chat-selector");
			thread.setDaemon(true);
			this.round.runsOn(thread);
			thread.start();
		}
		else {
			task.run();
		}
	}

	@Override
	protected void processNioSelections(int selectionCount, Selector selector, @Nullable ServerSocketChannel server,
			Map<SocketChannel, TcpNioConnection> connections) {
		try {
			this.acceptPause.resumeIfDue();
			this.round.resumeDueReads(selector);
			readAgain(selector);
			if (selectionCount > 0) {
				handleSelected(selector, server);
			}
			ReadTurns turns = this.round.turns();
			if (!turns.isEmpty()) {
				this.round.end(); // what the round's light senders said goes out before the heavy turns
				turns.run(this::turn);
				if (!turns.isEmpty()) {
					selector.wakeup(); // more turns are due: the next select must not sleep
				}
			}
			long now = System.nanoTime();
			if (now - this.lastSweep >= SWEEP_INTERVAL_NANOS) {
				this.lastSweep = now;
				connections.keySet().removeIf((channel) -> !channel.isOpen());
				harvestClosedConnections();
			}
		}
		catch (ConcurrentModificationException | ClosedSelectorException ex) {
			if (isActive()) {
				throw ex;
			}
			// stop() closed the selector, and its keys, under this round: the loop ends after it
		}
		finally {
			this.round.end();
		}
	}

	private void handleSelected(Selector selector, @Nullable ServerSocketChannel server) {
		long start = System.nanoTime();
		Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
		while (keys.hasNext()) {
			SelectionKey key = keys.next();
			keys.remove();
			try {
				if (key.isReadable() || key.isWritable()) { // writable: a TLS handshake had bytes to send
					ChatNioConnection connection = (ChatNioConnection) key.attachment();
					if (connection.isHeavy()) {
						this.round.turns().hold(key); // its turn comes after the light ones
					}
					else if (System.nanoTime() - start >= ReadTurns.LIGHT_ROUND_NANOS) {
						this.round.turns().defer(key); // first in the next round
					}
					else {
						turn(key, connection);
					}
				}
				else if (key.isAcceptable() && server != null) {
					doAccept(selector, server, System.currentTimeMillis());
				}
			}
			catch (CancelledKeyException ex) {
				// closed by another thread meanwhile
			}
			catch (RuntimeException ex) {
				this.failures.warn("handling a selected key failed", ex);
				if (key.attachment() instanceof ChatNioConnection connection) {
					connection.close();
				}
			}
		}
	}

	/** Spring Integration's accept, which pauses the port instead of failing each round at the descriptor limit. */
	@Override
	protected void doAccept(Selector selector, ServerSocketChannel server, long now) {
		try {
			super.doAccept(selector, server, now);
			this.acceptPause.accepted();
		}
		catch (UncheckedIOException ex) {
			if (!AcceptPause.isDescriptorLimit(ex)) {
				throw ex;
			}
			SelectionKey key = server.keyFor(selector);
			if (key != null && key.isValid()) {
				this.acceptPause.pause(key, selector);
			}
		}
	}

	/** Reads the TLS connections that asked for it; see {@link SelectorRound#readAgain}. */
	private void readAgain(Selector selector) {
		ChatNioConnection connection;
		while ((connection = this.round.nextToReadAgain()) != null) {
			SelectionKey key = connection.channel().keyFor(selector);
			if (key == null || !key.isValid()) {
				continue;
			}
			try {
				connection.readPacket();
				afterRead(key, connection);
			}
			catch (CancelledKeyException ex) {
				// closed by another thread meanwhile
			}
			catch (RuntimeException ex) {
				this.failures.warn("reading a connection again failed", ex);
				connection.close();
			}
		}
	}

	/** One read of one connection, a failure kept to that connection. */
	private void turn(SelectionKey key, ChatNioConnection connection) {
		try {
			connection.readPacket();
			afterRead(key, connection);
		}
		catch (CancelledKeyException ex) {
			// closed by another thread meanwhile
		}
		catch (RuntimeException ex) {
			this.failures.warn("reading a connection failed", ex);
			connection.close();
		}
	}

	/** What to watch the socket for after a read. */
	private void afterRead(SelectionKey key, ChatNioConnection connection) {
		if (!key.isValid()) {
			return;
		}
		if (connection.inputEnded()) {
			key.interestOps(0); // an ended input stays readable: stop asking until it closes
		}
		else if (connection.overLimit()) {
			this.round.pauseReading(key);
		}
		else if (connection.holdsInput()) {
			this.round.turns().hold(key);
		}
		else {
			int interest = connection.readInterest();
			if (key.interestOps() != interest) {
				key.interestOps(interest);
			}
		}
	}

	/**
	 * Its {@code stop()} closes the selector while still marked active, so the selector thread logs
	 * "Selector closed" as an ERROR at every shutdown; marking it inactive first keeps a stop clean.
	 */
	@Override
	public void stop() {
		setActive(false);
		super.stop();
	}

}
