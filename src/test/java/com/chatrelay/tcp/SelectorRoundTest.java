package com.chatrelay.tcp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The round's end writes what the selector thread queued: many lines per write, inline for a few connections. */
class SelectorRoundTest {

	private final LoopbackConnections sockets;

	SelectorRoundTest() throws IOException {
		this.sockets = new LoopbackConnections();
		this.sockets.round.runsOn(Thread.currentThread()); // this test plays the selector thread
	}

	@AfterEach
	void close() throws IOException {
		this.sockets.close();
	}

	@Test
	void linesQueuedDuringARoundWaitForItsEndAndLeaveInOneWrite() throws IOException {
		LoopbackConnections.Pair pair = this.sockets.open(0);
		for (int i = 0; i < 3; i++) {
			if (pair.queue("line " + i)) {
				this.sockets.round.flushSoon(pair.connection());
			}
		}
		assertThat(this.sockets.sent.get()).as("nothing is written before the round ends").isZero();
		this.sockets.round.end();
		assertThat(this.sockets.sent.get()).as("written on this thread, at the end").isEqualTo(21);
		assertThat(pair.read(21)).isEqualTo("line 0\nline 1\nline 2\n");
	}

	@Test
	void aRoundThatQueuedToAFewConnectionsWritesThemItselfAndToManyHandsThemToTheWriters() throws IOException {
		this.sockets.writer.close(); // writer loops that write nothing: what is handed to them stays queued
		List<LoopbackConnections.Pair> few = queueToEach(SelectorRound.INLINE_FLUSH_MAX);
		this.sockets.round.end();
		assertThat(this.sockets.sent.get()).as("a conversation: written inline").isEqualTo(5L * few.size());
		List<LoopbackConnections.Pair> many = queueToEach(SelectorRound.INLINE_FLUSH_MAX + 1);
		this.sockets.round.end();
		assertThat(this.sockets.sent.get()).as("a busy room: left to the writers").isEqualTo(5L * few.size());
		assertThat(many).allSatisfy((pair) -> assertThat(pair.connection().outbound().pendingBytes()).isEqualTo(5));
	}

	private List<LoopbackConnections.Pair> queueToEach(int connections) throws IOException {
		List<LoopbackConnections.Pair> pairs = new ArrayList<>();
		for (int i = 0; i < connections; i++) {
			LoopbackConnections.Pair pair = this.sockets.open(0);
			pairs.add(pair);
			pair.queue("to " + i);
			this.sockets.round.flushSoon(pair.connection());
		}
		return pairs;
	}

	@Test
	void linesQueuedByAnotherThreadGoStraightToAWriter() throws Exception {
		LoopbackConnections.Pair pair = this.sockets.open(0);
		Thread admin = new Thread(() -> {
			try {
				if (pair.queue("from the API")) {
					this.sockets.round.flushSoon(pair.connection());
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
		admin.start();
		admin.join();
		assertThat(pair.read(13)).as("no round end needed").isEqualTo("from the API\n");
	}

}
