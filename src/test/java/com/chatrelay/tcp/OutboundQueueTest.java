package com.chatrelay.tcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.integration.ip.tcp.serializer.ByteArrayLfSerializer;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue between the outbound adapter and a real loopback socket: order, limits, flush ownership, close after drain, TLS handover. */
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
		OutboundQueue queue = new OutboundQueue(Wire.plain(this.writer), SlowConsumerRule.of(1 << 20, Duration.ofSeconds(1)), new WriteBacklog(),
				this.sent::addAndGet);
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
	void aLineThatDoesNotFitUnderTheCeilingIsRefusedWholeAndTheQueueStaysIntact() throws IOException {
		OutboundQueue queue = new OutboundQueue(Wire.plain(this.writer), new SlowConsumerRule(1000, 1000, 0), new WriteBacklog(),
				this.sent::addAndGet);
		String first = "a".repeat(600);
		queue.append((out) -> this.lines.serialize(first.getBytes(StandardCharsets.UTF_8), out));
		queue.append((out) -> this.lines.serialize("b".repeat(500).getBytes(StandardCharsets.UTF_8), out));
		assertThat(queue.overflowed()).isTrue();
		assertThat(queue.pendingBytes()).isEqualTo(601);
		drain(queue);
		assertThat(readAll(601)).isEqualTo(first + "\n");
	}

	@Test
	void dataNotYetOfferedToTheSocketNeverCountsAgainstTheClient() throws IOException {
		WriteBacklog backlog = new WriteBacklog();
		OutboundQueue queue = new OutboundQueue(Wire.plain(this.writer), SlowConsumerRule.of(1000, Duration.ZERO), backlog,
				this.sent::addAndGet);
		String line = "c".repeat(999);
		for (int i = 0; i < 5; i++) {
			queue.append((out) -> this.lines.serialize(line.getBytes(StandardCharsets.UTF_8), out));
		}
		assertThat(queue.overflowed()).as("5,000 bytes the writer has not offered yet").isFalse();
		assertThat(queue.stalled()).isFalse();
		assertThat(backlog.bytes()).isEqualTo(5000);
		drain(queue);
		assertThat(backlog.bytes()).isZero();
		assertThat(readAll(5000)).hasSize(5000);
	}

	@Test
	void aSocketThatRefusesDataPastTheLimitForTheGraceMakesASlowConsumer() throws IOException {
		this.reader.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 1024);
		WriteBacklog backlog = new WriteBacklog();
		OutboundQueue queue = new OutboundQueue(Wire.plain(this.writer), SlowConsumerRule.of(64 * 1024, Duration.ZERO), backlog,
				this.sent::addAndGet);
		String line = "d".repeat(1023);
		OutboundQueue.FlushResult result = OutboundQueue.FlushResult.MORE;
		while (result != OutboundQueue.FlushResult.SOCKET_FULL) {
			queue.append((out) -> this.lines.serialize(line.getBytes(StandardCharsets.UTF_8), out));
			result = queue.flush(this.scratch);
		}
		assertThat(backlog.bytes()).as("a refusing socket's data is not the writers' backlog").isZero();
		assertThat(queue.stalled()).as("less than the limit waits").isFalse();
		for (int i = 0; i < 100 && !queue.overflowed(); i++) {
			queue.append((out) -> this.lines.serialize(line.getBytes(StandardCharsets.UTF_8), out));
		}
		assertThat(queue.overflowed()).isTrue();
		assertThat(queue.pendingBytes()).isLessThanOrEqualTo(64 * 1024);
		assertThat(queue.stalled()).isTrue();
	}

	@Test
	void whoeverMakesTheQueuePendingOwnsItsFlushUntilItDrains() throws IOException {
		OutboundQueue queue = queue(Wire.plain(this.writer));
		assertThat(append(queue, "one")).as("idle to pending: the caller gets it flushed").isTrue();
		assertThat(append(queue, "two")).as("already owned").isFalse();
		assertThat(queue.flush(this.scratch)).isEqualTo(OutboundQueue.FlushResult.DRAINED);
		assertThat(append(queue, "three")).as("drained: nobody owns it, the next line makes it pending again").isTrue();
		drain(queue);
		assertThat(readAll(14)).isEqualTo("one\ntwo\nthree\n");
	}

	@Test
	void aCloseAskedForWhileLinesWaitComesAfterTheLastOfThemIsWritten() throws IOException {
		OutboundQueue queue = queue(Wire.plain(this.writer));
		append(queue, "last words");
		assertThat(queue.closeWhenDrained()).as("lines wait: the owner's flush closes").isFalse();
		assertThat(append(queue, "too late")).isFalse();
		assertThat(queue.flush(this.scratch)).isEqualTo(OutboundQueue.FlushResult.DRAINED_CLOSE);
		assertThat(readAll(11)).isEqualTo("last words\n");
		assertThat(queue(Wire.plain(this.writer)).closeWhenDrained()).as("an idle queue closes at once").isTrue();
	}

	@Test
	void aClosedQueueDropsWhatWaitsAndTakesNothingMore() throws IOException {
		WriteBacklog backlog = new WriteBacklog();
		OutboundQueue queue = new OutboundQueue(Wire.plain(this.writer), SlowConsumerRule.of(1 << 20, Duration.ofSeconds(1)),
				backlog, this.sent::addAndGet);
		append(queue, "never sent");
		queue.close();
		assertThat(queue.isClosing()).isTrue();
		assertThat(queue.pendingBytes()).isZero();
		assertThat(backlog.bytes()).as("nothing owed for a closed socket").isZero();
		assertThat(append(queue, "nor this")).isFalse();
		assertThat(queue.flush(this.scratch)).isEqualTo(OutboundQueue.FlushResult.CLOSED);
		assertThat(this.sent.get()).isZero();
	}

	@Test
	void linesQueuedBeforeTheTlsHandshakeEndsWaitAndTheReaderTakesTheFlushOver() throws IOException {
		boolean[] handshaking = { true };
		Wire plain = Wire.plain(this.writer);
		Wire tls = new Wire() {

			@Override
			public int write(ByteBuffer source) throws IOException {
				return plain.write(source);
			}

			@Override
			public boolean outputPending() {
				return false;
			}

			@Override
			public boolean awaitingPeer() {
				return handshaking[0];
			}

		};
		WriteBacklog backlog = new WriteBacklog();
		OutboundQueue queue = new OutboundQueue(tls, SlowConsumerRule.of(1 << 20, Duration.ofSeconds(1)), backlog,
				this.sent::addAndGet);
		append(queue, "Enter your name:");
		assertThat(queue.flush(this.scratch)).isEqualTo(OutboundQueue.FlushResult.AWAITING_PEER);
		assertThat(backlog.bytes()).as("not the writers' debt while the peer is silent").isZero();
		handshaking[0] = false;
		assertThat(queue.peerReady()).as("a flush waited: the reader owns it now").isTrue();
		assertThat(queue.peerReady()).as("once").isFalse();
		drain(queue);
		assertThat(readAll(17)).isEqualTo("Enter your name:\n");
	}

	private OutboundQueue queue(Wire wire) {
		return new OutboundQueue(wire, SlowConsumerRule.of(1 << 20, Duration.ofSeconds(1)), new WriteBacklog(),
				this.sent::addAndGet);
	}

	private boolean append(OutboundQueue queue, String line) throws IOException {
		return queue.append((out) -> this.lines.serialize(line.getBytes(StandardCharsets.UTF_8), out));
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
