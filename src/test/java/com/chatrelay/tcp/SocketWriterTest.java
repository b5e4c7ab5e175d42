package com.chatrelay.tcp;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A writer loop writes full sockets as they drain, never blocks on one, and keeps failures to their connection. */
class SocketWriterTest {

	private final LoopbackConnections sockets;

	SocketWriterTest() throws IOException {
		this.sockets = new LoopbackConnections();
	}

	@AfterEach
	void close() throws IOException {
		this.sockets.close();
	}

	@Test
	void aFullSocketIsWrittenWholeAndInOrderAsItsClientReads() throws IOException {
		LoopbackConnections.Pair slow = this.sockets.open(4096);
		StringBuilder expected = new StringBuilder();
		for (int i = 0; i < 2000; i++) {
			String line = "line " + i + " " + "x".repeat(200);
			slow.queue(line);
			expected.append(line).append('\n');
		}
		slow.connection().writer().schedule(slow.connection());
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.sockets.sent.get()).as("the socket is full").isPositive());
		assertThat(slow.connection().outbound().pendingBytes()).as("more than a socket takes waits").isPositive();
		assertThat(slow.read(expected.length())).isEqualTo(expected.toString());
		await().atMost(Duration.ofSeconds(5)).until(() -> slow.connection().outbound().pendingBytes() == 0);
		assertThat(this.sockets.sent.get()).isEqualTo(expected.length());
	}

	@Test
	void aClientThatDoesNotReadDoesNotDelayAnother() throws IOException {
		LoopbackConnections.Pair stuck = this.sockets.open(4096);
		LoopbackConnections.Pair reader = this.sockets.open(0);
		for (int i = 0; i < 2000; i++) {
			stuck.queue("y".repeat(500));
		}
		stuck.connection().writer().schedule(stuck.connection());
		reader.queue("hello");
		reader.connection().writer().schedule(reader.connection());
		assertThat(reader.read(6)).isEqualTo("hello\n");
		assertThat(stuck.connection().outbound().pendingBytes()).as("still waiting on its own socket").isPositive();
	}

	@Test
	void aSocketThatFailsIsClosedAndTheLoopGoesOn() throws IOException {
		LoopbackConnections.Pair gone = this.sockets.open(0);
		LoopbackConnections.Pair next = this.sockets.open(0);
		gone.connection().close(); // the queue is closed: its flush reports CLOSED
		gone.queue("lost");
		gone.connection().writer().schedule(gone.connection());
		next.queue("after");
		next.connection().writer().schedule(next.connection());
		assertThat(next.read(6)).isEqualTo("after\n");
		assertThat(gone.connection().isOpen()).isFalse();
	}

}
