package com.chatrelay.tcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.integration.ip.tcp.serializer.ByteArrayLfSerializer;

/**
 * Real loopback socket pairs whose server side is a {@link ChatNioConnection} (no Spring context):
 * what the relay writes, the client side reads.
 */
final class LoopbackConnections implements AutoCloseable {

	final AtomicLong sent = new AtomicLong();

	final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

	final SocketWriter writer = new SocketWriter(1);

	final SelectorRound round = new SelectorRound(this.writer, this.timer, new WriteBacklog());

	private final ByteArrayLfSerializer lines = new ByteArrayLfSerializer();

	private final ServerSocketChannel server;

	private final List<SocketChannel> sockets = new ArrayList<>();

	LoopbackConnections() throws IOException {
		this.server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
	}

	/** A server-side connection and the client socket it talks to, both socket buffers as small as asked (0: the default). */
	Pair open(int clientReceiveBuffer) throws IOException {
		SocketChannel client = SocketChannel.open();
		if (clientReceiveBuffer > 0) {
			client.setOption(StandardSocketOptions.SO_RCVBUF, clientReceiveBuffer);
		}
		client.connect(this.server.getLocalAddress());
		SocketChannel accepted = this.server.accept();
		accepted.configureBlocking(false);
		if (clientReceiveBuffer > 0) { // as the relay does: a small kernel send buffer, so the queue sees the backlog
			accepted.setOption(StandardSocketOptions.SO_SNDBUF, clientReceiveBuffer);
		}
		this.sockets.add(client);
		this.sockets.add(accepted);
		ChatNioConnection connection = new ChatNioConnection(accepted, (event) -> {
		}, "test", this.round, new LineFramer(this.lines, 4096), SlowConsumerRule.of(64 << 20, Duration.ofSeconds(30)),
				this.sent::addAndGet, this.timer, null, null);
		connection.setSerializer(this.lines);
		return new Pair(connection, client);
	}

	@Override
	public void close() throws IOException {
		for (SocketChannel socket : this.sockets) {
			socket.close();
		}
		this.server.close();
		this.writer.close();
		this.timer.shutdownNow();
	}

	record Pair(ChatNioConnection connection, SocketChannel client) {

		/** Queues one line the way the outbound adapter does. */
		boolean queue(String line) throws IOException {
			return this.connection.outbound()
				.append((out) -> ByteArrayLfSerializer.INSTANCE.serialize(line.getBytes(StandardCharsets.UTF_8), out));
		}

		/** Reads exactly {@code length} bytes as the client, blocking. */
		String read(int length) throws IOException {
			InputStream in = this.client.socket().getInputStream();
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			byte[] buffer = new byte[8192];
			while (bytes.size() < length) {
				int n = in.read(buffer, 0, Math.min(buffer.length, length - bytes.size()));
				if (n < 0) {
					break;
				}
				bytes.write(buffer, 0, n);
			}
			return bytes.toString(StandardCharsets.UTF_8);
		}

	}

}
