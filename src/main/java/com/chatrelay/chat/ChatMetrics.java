package com.chatrelay.chat;

/**
 * What the room reports as it works; the metrics feature implements it. Called on the relay path,
 * so implementations must be cheap and must not block.
 */
public interface ChatMetrics {

	/** Reports nothing: for tests and for running without metrics. */
	ChatMetrics NONE = new ChatMetrics() {
	};

	default void connectionOpened() {
	}

	default void connectionClosed(DisconnectReason reason) {
	}

	/** A connection refused for its address's connection rate (also closed as {@code too_many_from_address}). */
	default void connectionThrottled() {
	}

	/** A line read from a client, {@code bytes} long with its line end. */
	default void lineReceived(long bytes) {
	}

	/** A line from a named user accepted for relay (chat text or command). */
	default void messageReceived() {
	}

	/** Lines queued to recipients (their bytes are counted when written: {@link #bytesSent}). */
	default void delivered(int lines) {
	}

	/** Bytes handed to a client's socket. */
	default void bytesSent(long bytes) {
	}

	/** A line refused. */
	default void messageDropped(DropReason reason) {
		messagesDropped(reason, 1);
	}

	/** Lines refused at once (a flood's lines over the rate limit are counted per read). */
	default void messagesDropped(DropReason reason, int lines) {
	}

	/** A {@code /join} refused by a room limit. */
	default void roomJoinRefused(RoomLimit limit) {
	}

	/** Time from a line read to its last delivery handed to the recipients' queues. */
	default void relayLatency(long nanos) {
	}

}
