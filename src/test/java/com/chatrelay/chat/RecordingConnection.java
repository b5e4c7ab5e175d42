package com.chatrelay.chat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A connection that keeps what it is sent, for testing the room without a network. */
final class RecordingConnection implements ClientConnection {

	private static int ids;

	private final String id = "test-" + (++ids);

	private final List<String> lines = new ArrayList<>();

	private final String remoteAddress;

	long limit = Long.MAX_VALUE;

	boolean closed;

	boolean flushedBeforeClose;

	/** Runs after each line is kept: lets a test make something happen at that very moment. */
	java.util.function.Consumer<String> onOffer = (line) -> {
	};

	RecordingConnection() {
		this("127.0.0.1:1");
	}

	/** @param remoteAddress {@code host:port} */
	RecordingConnection(String remoteAddress) {
		this.remoteAddress = remoteAddress;
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public String remoteAddress() {
		return this.remoteAddress;
	}

	@Override
	public synchronized boolean offer(byte[] line) {
		if (this.closed) {
			return true;
		}
		if (line.length > this.limit) {
			return false;
		}
		String text = new String(line, StandardCharsets.UTF_8);
		this.lines.add(text);
		this.onOffer.accept(text);
		return true;
	}

	@Override
	public long pendingBytes() {
		return 0;
	}

	@Override
	public void closeAfterFlush() {
		this.closed = true;
		this.flushedBeforeClose = true;
	}

	@Override
	public void closeNow() {
		this.closed = true;
	}

	synchronized List<String> lines() {
		return new ArrayList<>(this.lines);
	}

	synchronized String last() {
		return this.lines.isEmpty() ? null : this.lines.get(this.lines.size() - 1);
	}

	synchronized void clear() {
		this.lines.clear();
	}

}
