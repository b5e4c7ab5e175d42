package com.chatrelay.tcp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The first stage of a trusted proxy's connection: its PROXY header ({@link ProxyHeaderReader}) is
 * read, bounded in size and time, before anything else, TLS included; once it is whole the server sees
 * the connection under the client's address, and what followed the header is read as if it came now.
 */
final class ProxyHeaderStage {

	private static final Log logger = LogFactory.getLog(ProxyHeaderStage.class);

	private final ProxyHeaderReader header;

	/** The socket TLS reads behind the header; null without TLS. */
	private final @Nullable ReplayChannel replay;

	private final SelectorRound round;

	private final ChatNioConnection connection;

	ProxyHeaderStage(ProxyHeaderReader header, @Nullable ReplayChannel replay, SelectorRound round,
			ScheduledExecutorService timer, ChatNioConnection connection) {
		this.header = header;
		this.replay = replay;
		this.round = round;
		this.connection = connection;
		timer.schedule(this::due, header.timeout().toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Reads what the socket has of the header; selector thread only.
	 * @return true when TLS should read now (what followed the header waits for it)
	 */
	boolean read(InputEvents events) {
		ByteBuffer buffer = this.round.readBuffer();
		buffer.clear();
		ProxyHeaderReader.Outcome outcome;
		try {
			int read = this.connection.channel().read(buffer);
			outcome = (read < 0) ? this.header.ended() : this.header.feed(buffer.array(), 0, read);
		}
		catch (IOException ex) {
			outcome = this.header.ended(); // a reset
		}
		if (outcome == null || !this.header.finish(outcome)) {
			return false; // more to come, or the deadline came first and closes it
		}
		this.connection.proxyHeaderDone();
		if (!outcome.read()) {
			failed(events, outcome);
			return false;
		}
		if (outcome == ProxyHeaderReader.Outcome.PROXIED) {
			this.connection.peer().proxied(this.header.clientHost(), this.header.clientPort());
		}
		events.proxyHeaderRead();
		ByteBuffer rest = this.header.rest();
		if (this.replay != null) {
			this.replay.replay(rest);
			return rest.hasRemaining();
		}
		if (rest.hasRemaining()) {
			this.connection.frame(rest.array(), rest.arrayOffset() + rest.position(), rest.remaining());
		}
		return false;
	}

	/** The header timeout: a trusted proxy's connection still without a whole header is closed. */
	private void due() {
		if (this.header.finish(ProxyHeaderReader.Outcome.TIMEOUT)) {
			this.connection.proxyHeaderDone();
			failed(this.connection.events(), ProxyHeaderReader.Outcome.TIMEOUT);
		}
	}

	/** A bad or missing header is the proxy's or a scanner's doing, common on a public port: DEBUG only. */
	private void failed(@Nullable InputEvents events, ProxyHeaderReader.Outcome outcome) {
		if (logger.isDebugEnabled()) {
			logger.debug(this.connection.getConnectionId() + ": PROXY protocol header " + outcome.tag() + "; closing");
		}
		String failure = outcome.failure();
		if (events != null && failure != null) {
			events.proxyHeaderFailed(failure);
		}
		this.connection.close();
	}

}
