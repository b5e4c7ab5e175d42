package com.chatrelay.tcp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What {@link RelayWarmUp} sends through the private relay: a sender and two readers on loopback,
 * as a user's client is. Half the lines go to the default room, half to a room all three join, so
 * that both forms of delivery run hot. The sender keeps at most {@link #WINDOW} lines ahead of the
 * slower reader, so no outbound buffer, however small it is configured, fills up.
 */
final class WarmUpTraffic {

	/** Lines the sender may be ahead of a reader: well under the smallest outbound buffer (1KB). */
	static final int WINDOW = 16;

	private static final String ROOM = "#warm-up";

	private static final String END = "end";

	private final int port;

	private final long deadline;

	WarmUpTraffic(int port, long deadlineNanos) {
		this.port = port;
		this.deadline = deadlineNanos;
	}

	/** Carries the lines; throws when the private relay fails or the deadline passes. */
	void carry(int lines) throws IOException, InterruptedException, TimeoutException {
		ExecutorService readers = Executors.newFixedThreadPool(2, (task) -> {
			Thread thread = new Thread(task, "chat-warm-up-reader");
			thread.setDaemon(true);
			return thread;
		});
		List<Client> clients = new ArrayList<>();
		try {
			// names of this start only: another local process that finds the port cannot take them first
			String names = "warm-up-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16) + "-";
			Client sender = login(names + "0", clients);
			Client[] reading = { login(names + "1", clients), login(names + "2", clients) };
			Semaphore window = new Semaphore(2 * WINDOW);
			int half = lines / 2;
			relay(sender, reading, half, window, readers);
			for (Client client : clients) {
				client.send("/join " + ROOM);
				client.readUntil("[SERVER] you joined " + ROOM);
			}
			relay(sender, reading, lines - half, window, readers);
		}
		finally {
			for (Client client : clients) {
				client.close(); // a reader still reading gets its exception and ends
			}
			readers.shutdownNow();
			readers.awaitTermination(1, TimeUnit.SECONDS);
		}
	}

	private void relay(Client sender, Client[] readers, int lines, Semaphore window, ExecutorService threads)
			throws IOException, InterruptedException, TimeoutException {
		List<Future<?>> reading = new ArrayList<>();
		for (Client reader : readers) {
			reading.add(threads.submit(() -> {
				reader.readUntil("[" + sender.name + "] " + END, window, "[" + sender.name + "] line ");
				return null;
			}));
		}
		for (int i = 0; i < lines; i++) {
			if (!window.tryAcquire(2, remainingNanos(), TimeUnit.NANOSECONDS)) {
				throw new TimeoutException("out of time, " + i + " of " + lines + " lines sent");
			}
			sender.send("line " + i);
		}
		sender.send(END);
		for (Future<?> reader : reading) {
			try {
				reader.get(remainingNanos(), TimeUnit.NANOSECONDS);
			}
			catch (ExecutionException ex) {
				throw new IOException("a warm-up reader failed", ex.getCause());
			}
		}
		window.drainPermits();
		window.release(2 * WINDOW);
	}

	private Client login(String name, List<Client> clients) throws IOException, TimeoutException {
		Client client = new Client(name, new Socket(InetAddress.getLoopbackAddress(), this.port));
		clients.add(client);
		client.send(name);
		client.readUntil("[SERVER] welcome, " + name + "!");
		return client;
	}

	private long remainingNanos() throws TimeoutException {
		long left = this.deadline - System.nanoTime();
		if (left <= 0) {
			throw new TimeoutException("out of time");
		}
		return left;
	}

	/** One loopback client of the private relay. */
	private final class Client implements AutoCloseable {

		private final String name;

		private final Socket socket;

		private final OutputStream out;

		private final BufferedReader in;

		Client(String name, Socket socket) throws IOException {
			this.name = name;
			this.socket = socket;
			socket.setTcpNoDelay(true);
			this.out = socket.getOutputStream();
			this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
		}

		void send(String line) throws IOException {
			this.out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
		}

		void readUntil(String start) throws IOException, TimeoutException {
			readUntil(start, null, null);
		}

		/** Reads lines until one starts with {@code start}, giving back a window permit for each of the sender's lines. */
		void readUntil(String start, Semaphore window, String senderLine) throws IOException, TimeoutException {
			while (true) {
				this.socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(remainingNanos())));
				String line;
				try {
					line = this.in.readLine();
				}
				catch (SocketTimeoutException ex) {
					throw new TimeoutException("out of time, waiting for the private relay");
				}
				if (line == null) {
					throw new IOException("the private relay closed " + this.name + "'s connection");
				}
				if (line.startsWith(start)) {
					return;
				}
				if (window != null && line.startsWith(senderLine)) {
					window.release();
				}
			}
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
