package com.chatrelay.tcp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongConsumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.connection.TcpNioConnection;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;

/**
 * Spring Integration's NIO connection for one chat socket, made to never block and never park a
 * thread. In: on the selector thread, {@link #readPacket} reads (after a trusted proxy's header,
 * {@link ProxyHeaderStage}; through TLS, {@link TlsReader}), the {@link LineFramer} cuts lines, the
 * {@link LineAdmission} admits them, and each goes, as a message, to the inbound adapter, in order,
 * before the socket is read again. Out: the outbound adapter's {@link #send} serializes into the
 * connection's {@link OutboundQueue}; the selector round or a {@link SocketWriter} loop writes it.
 */
final class ChatNioConnection extends TcpNioConnection {

	private static final Log logger = LogFactory.getLog(ChatNioConnection.class);

	private final SocketChannel channel;

	private final SelectorRound round;

	private final LineFramer framer;

	private final OutboundQueue outbound;

	private final SocketWriter.Loop writer;

	/** Null for plain TCP. */
	private final @Nullable TlsConnection tls;

	private final @Nullable TlsReader tlsReader;

	/** Null unless the peer is a trusted proxy whose PROXY header has not been read yet. */
	private volatile @Nullable ProxyHeaderStage proxyHeader;

	private final LingeringClose closing;

	private final PeerAddress peer;

	/** Set once, when the connection opens (see {@link ChatConnectionSupport}). */
	private volatile @Nullable InputEvents events;

	private volatile @Nullable LineAdmission admission;

	// selector thread only
	private boolean inputEnded;

	// selector thread only
	private boolean overLimit;

	// selector thread only: a turn ended with lines left over, and no turn since found the socket drained
	private boolean heavy;

	ChatNioConnection(SocketChannel channel, ApplicationEventPublisher publisher, String factoryName,
			SelectorRound round, LineFramer framer, SlowConsumerRule slowConsumers, LongConsumer bytesSent,
			ScheduledExecutorService timer, @Nullable ChatTls chatTls, @Nullable ProxyHeaderReader proxyHeader) {
		super(channel, true, false, publisher, factoryName);
		this.channel = channel;
		this.round = round;
		this.framer = framer;
		this.peer = new PeerAddress(getHostAddress(), getPort());
		ReplayChannel replay = (proxyHeader != null && chatTls != null) ? new ReplayChannel(channel) : null;
		// the address a handshake is admitted under: the client's, once a PROXY header gave it
		this.tls = (chatTls != null) ? chatTls.open((replay != null) ? replay : channel,
				() -> this.peer.host(), () -> round.readAgain(this)) : null;
		this.tlsReader = (this.tls != null) ? new TlsReader(this.tls, chatTls, round) : null;
		this.outbound = new OutboundQueue((this.tls != null) ? this.tls : Wire.plain(channel), slowConsumers,
				round.backlog(), bytesSent);
		this.writer = round.assignWriter();
		this.closing = new LingeringClose(timer);
		if (proxyHeader != null) { // last: the deadline may close the connection, which needs all of it
			this.proxyHeader = new ProxyHeaderStage(proxyHeader, replay, round, timer, this);
		}
	}

	/** Ties the connection to the server, once, on the selector thread before its first read. */
	void link(InputEvents events, LineAdmission admission) {
		this.events = events;
		this.admission = admission;
	}

	/** The server's handle on this socket; null before it opened. */
	@Nullable TcpClient client() {
		LineAdmission linked = this.admission;
		return (linked != null) ? linked.client() : null;
	}

	SocketChannel channel() {
		return this.channel;
	}

	OutboundQueue outbound() {
		return this.outbound;
	}

	SocketWriter.Loop writer() {
		return this.writer;
	}

	@Nullable InputEvents events() {
		return this.events;
	}

	/** True when the last read found the client over its rate limit: the selector pauses reading it. */
	boolean overLimit() {
		return this.overLimit;
	}

	/** True once the client closed its side; the selector stops watching it for reads. */
	boolean inputEnded() {
		return this.inputEnded;
	}

	/** What the selector should watch this socket for next (TLS may need it writable to go on). */
	int readInterest() {
		return (this.tls != null && !this.closing.lingering()) ? this.tls.readWait().interestOps() : SelectionKey.OP_READ;
	}

	boolean isTls() {
		return this.tls != null;
	}

	@Nullable TlsConnection tls() {
		return this.tls;
	}

	/** True until a trusted proxy's PROXY header is read: the server must not see the connection yet. */
	boolean awaitsProxyHeader() {
		return this.proxyHeader != null;
	}

	/** The client's address: behind a trusted proxy, the one its PROXY header carried. */
	PeerAddress peer() {
		return this.peer;
	}

	/** The connection as the logs name it: Spring Integration's id, and the client behind a proxy. */
	String describe() {
		return this.peer.describe(getConnectionId());
	}

	/** False while a TLS handshake is under way: nothing can be written yet. */
	boolean established() {
		return this.tls == null || this.tls.established();
	}

	// ---- in: on the selector thread ----

	/** Whether lines already read wait for this connection's next turn ({@link ReadTurns}). */
	boolean holdsInput() {
		return this.framer.holds();
	}

	/** Whether its last turns had more than a turn's worth: it is read with the heavy senders. */
	boolean isHeavy() {
		return this.heavy;
	}

	/**
	 * One turn: hands on the lines held from an earlier read, or reads what the socket has (up to
	 * one quantum); either way at most {@link ReadTurns#LINES_PER_TURN} lines, holding the rest.
	 */
	@Override
	public void readPacket() {
		InputEvents handler = this.events;
		if (this.inputEnded || handler == null) {
			return;
		}
		ProxyHeaderStage header = this.proxyHeader;
		if (header != null && !header.read(handler)) {
			return;
		}
		if (this.framer.holds()) {
			this.heavy = this.framer.frameHeld(this.admission, ReadTurns.LINES_PER_TURN);
			this.overLimit = this.admission.readDone();
			return;
		}
		if (this.tlsReader != null && !this.closing.lingering()) {
			this.overLimit = false;
			this.tlsReader.read(this, handler);
			return;
		}
		ByteBuffer buffer = this.round.readBuffer();
		buffer.clear();
		int read;
		try {
			read = this.channel.read(buffer);
		}
		catch (IOException ex) {
			// a peer that resets or vanishes is ordinary on a public port: not worth more than DEBUG
			logger.debug(describe() + " read failed: " + ex);
			handler.failed(ex);
			return;
		}
		if (read < 0) {
			ended(handler);
		}
		else if (!this.closing.lingering()) { // a lingering connection's input is dropped
			this.heavy = frame(buffer.array(), 0, read) || read == buffer.capacity();
		}
	}

	/** The header was read: the server may see the connection now; what followed it is not read by TLS. */
	void proxyHeaderDone() {
		this.proxyHeader = null;
	}

	/**
	 * Frames bytes just read, hands on one turn's worth of lines and holds the rest.
	 * @return true when bytes are held for the next turn
	 */
	boolean frame(byte[] bytes, int offset, int length) {
		boolean held = this.framer.frame(bytes, offset, length, this.admission, ReadTurns.LINES_PER_TURN);
		this.overLimit = this.admission.readDone();
		this.heavy = held;
		return held;
	}

	/** The client closed its side (FIN, or TLS close_notify). */
	void ended(InputEvents handler) {
		this.inputEnded = true;
		if (this.closing.lingering()) {
			close();
		}
		else {
			handler.ended();
		}
	}

	/** Lines are pushed to the inbound adapter as they are framed ({@link LineAdmission}), never pulled. */
	@Override
	public Object getPayload() {
		throw new UnsupportedOperationException("lines are pushed to the inbound adapter as they are framed");
	}

	// ---- out ----

	/** The outbound adapter's send: queues the serialized line and never waits for the socket. */
	@Override
	@SuppressWarnings("unchecked")
	public void send(Message<?> message) {
		Object payload = getMapper().fromMessage(message);
		Serializer<Object> serializer = (Serializer<Object>) getSerializer();
		boolean first;
		try {
			first = this.outbound.append((OutputStream out) -> serializer.serialize(payload, out));
		}
		catch (IOException ex) {
			throw new MessagingException(message, "cannot serialize the line", ex);
		}
		if (first) {
			this.round.flushSoon(this);
		}
	}

	/** Writes some of what is queued; called by the owner of the pending queue only. */
	OutboundQueue.FlushResult flush(ByteBuffer scratch) {
		OutboundQueue.FlushResult result = this.outbound.flush(scratch);
		switch (result) {
			case DRAINED_CLOSE -> closeGracefully();
			case CLOSED -> close();
			default -> {
			}
		}
		return result;
	}

	/** Closes once the last bytes were handed to the socket (see {@link LingeringClose}). */
	void closeGracefully() {
		this.closing.close(this);
	}

	@Override
	public void close() {
		this.outbound.close();
		super.close();
	}

}
