package com.chatrelay.tcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.integration.ip.tcp.serializer.ByteArrayLfSerializer;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue between the outbound adapter and a real loopback socket. */
class OutboundQueueTest {

	private final ByteArrayLfSerializer lines = new ByteArrayLfSerializer();

	private final ByteBuffer scratch = ByteBuffer.allocateDirect(SelectorRound.WRITE_CHUNK);

	private final AtomicLong sent = new AtomicLong();

	private ServerSocketChannel server;

	private SocketChannel writer;

	private SocketChannel reader;

	@BeforeEach
	void connect() throws IOException {
		this.server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
		this.writer = SocketChannel.open(this.server.getLocalAddress());
		this.reader = this.server.accept();
		this.writer.configureBlocking(false);
	}

	@AfterEach
	void close() throws IOException {
		this.writer.close();
		this.reader.close();
		this.server.close();
	}

	@Test
	void linesOfEverySizeLeaveWholeAndInOrder() throws IOException {
		OutboundQueue queue = new OutboundQueue(this.writer, 1 << 20, this.sent::addAndGet);
		StringBuilder expected = new StringBuilder();
		for (int i = 0; i < 300; i++) {
			String line = "line " + i + " " + "x".repeat(i * 37 % 5000);
			assertThat(queue.append((out) -> this.lines.serialize(line.getBytes(StandardCharsets.UTF_8), out)))
				.as("only the first line makes the queue pending").isEqualTo(i == 0);
			expected.append(line).append('\n');
		}
		assertThat(queue.pendingBytes()).isEqualTo(expected.length());
		drain(queue);
		assertThat(readAll(expected.length())).isEqualTo(expected.toString());
		assertThat(this.sent.get()).isEqualTo(expected.length());
		assertThat(queue.pendingBytes()).isZero();
	}

	@Test
	void aLineThatDoesNotFitIsRefusedWholeAndTheQueueStaysIntact() throws IOException {
		OutboundQueue queue = new OutboundQueue(this.writer, 1000, this.sent::addAndGet);
		String first = "a".repeat(600);
		queue.append((out) -> this.lines.serialize(first.getBytes(StandardCharsets.UTF_8), out));
		queue.append((out) -> this.lines.serialize("b".repeat(500).getBytes(StandardCharsets.UTF_8), out));
		assertThat(queue.overflowed()).isTrue();
		assertThat(queue.pendingBytes()).isEqualTo(601);
		drain(queue);
		assertThat(readAll(601)).isEqualTo(first + "\n");
	}

	private void drain(OutboundQueue queue) {
		OutboundQueue.FlushResult result;
		do {
			result = queue.flush(this.scratch);
		}
		while (result == OutboundQueue.FlushResult.MORE);
		assertThat(result).isEqualTo(OutboundQueue.FlushResult.DRAINED);
	}

	private String readAll(int length) throws IOException {
		InputStream in = this.reader.socket().getInputStream();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		while (bytes.size() < length) {
			int b = in.read();
			assertThat(b).isNotNegative();
			bytes.write(b);
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

}
