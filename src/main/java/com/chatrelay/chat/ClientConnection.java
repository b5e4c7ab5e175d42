package com.chatrelay.chat;

/**
 * The chat domain's view of one client's transport: queue a line, close. Implementations never
 * block the caller, so one stuck client cannot delay anybody else.
 */
public interface ClientConnection {

	/** A unique id for the lifetime of the process. */
	String id();

	/** The peer as {@code host:port}. */
	String remoteAddress();

	/** The peer's address without its port: what per-address limits count. */
	default String remoteHost() {
		String address = remoteAddress();
		int colon = address.lastIndexOf(':');
		return (colon > 0) ? address.substring(0, colon) : address;
	}

	/**
	 * Queues one encoded line (UTF-8, without its LF: the transport frames it) for writing. The
	 * array is shared by every recipient and must not be changed afterwards. Never blocks.
	 * @return false when the client does not read and its unsent data is past the outbound limit:
	 * the line is not queued and the caller should disconnect the client as a slow consumer
	 */
	boolean offer(byte[] line);

	/**
	 * Whether the client stopped reading with more than the outbound limit waiting for it; asked
	 * now and then, since a quiet room offers nothing that would find out.
	 */
	default boolean stalled() {
		return false;
	}

	/** Bytes queued and not yet handed to the socket. */
	long pendingBytes();

	/** Writes what is queued (for a bounded time), then closes. */
	void closeAfterFlush();

	/**
	 * Queues a last line and closes once everything is written: nothing offered after it is
	 * sent, so it is the last thing the client reads.
	 */
	default void closeAfter(byte[] lastLine) {
		offer(lastLine);
		closeAfterFlush();
	}

	/** Closes at once, dropping what is queued. */
	void closeNow();

}
