package com.chatrelay.tcp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import com.chatrelay.chat.DisconnectReason;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.connection.TcpListener;
import org.springframework.integration.ip.tcp.connection.TcpNioConnection;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;

/**
 * Spring Integration's NIO connection, made to never block and never park a thread:
 * <ul>
 * <li>in: the selector thread reads, frames lines with the LF deserializer ({@link LineFramer}) and
 * hands each line, as a message, to the inbound adapter, in order, before it reads again (no pipe,
 * no assembler task);</li>
 * <li>out: the outbound adapter's {@link #send} serializes into a bounded {@link OutboundQueue}
 * instead of writing to a socket that may be full; the selector round or a writer loop writes it.</li>
 * <li>TLS, when the chat port has it: a {@link TlsConnection} between the socket and both paths.</li>
 * <li>behind a trusted proxy: its PROXY header ({@link ProxyHeaderReader}) is read before anything
 * else, TLS included, and the room sees the connection only once the client's address is known.</li>
 * </ul>
 */
final class ChatNioConnection extends TcpNioConnection {

	private static final Log logger = LogFactory.getLog(ChatNioConnection.class);

	/**
	 * After its last line a closing connection sends FIN and reads (and drops) what the client
	 * still sends, for at most this long: closing a socket with unread input resets it, and the
	 * client could lose the lines it was just sent ("lingering close", as web servers do).
	 */
	private static final long LINGER_MILLIS = 2000;

	/** What the chat makes of this connection's input. */
	interface Input {

		/** Whether a line of {@code length} bytes should be handed on (a flooder's are dropped here). */
		boolean admits(int length);

		/**
		 * The lines of one read have all been framed.
		 * @return true when the client sends faster than its rate limit: read it again later
		 */
		boolean readDone();

		void lineTooLong();

		/** The client closed its side: everything it sent before has been handled. */
		void ended();

		/** Its last line is written and FIN sent: for the chat it is closed, though the socket lingers. */
		void finished();

		/** Reading failed (a reset, mostly): the connection is gone. */
		void failed(IOException failure);

		/** The client broke TLS (handshake or records): the connection fails for the server's reason. */
		void protocolFailed(IOException failure);

		/** The relay closes the connection for a reason of its own (a TLS handshake refused or too slow). */
		void refused(DisconnectReason reason, String detail);

		/** Handling one line threw: that line is lost, the connection goes on. */
		void lineFailed(RuntimeException failure);

		/** A trusted proxy's PROXY header was read: the client's address is known, the room may see it. */
		void proxyHeaderRead();

		/** A trusted proxy's connection brought no usable PROXY header; it closes, unseen by the room. */
		void proxyHeaderFailed(String why);

	}

	private final SocketChannel channel;

	private final SelectorRound round;

	private final LineFramer framer;

	private final OutboundQueue outbound;

	private final SocketWriter.Loop writer;

	private final ScheduledExecutorService timer;

	/** Null for plain TCP. */
	private final @Nullable TlsConnection tls;

	private final @Nullable ChatTls chatTls;

	private final LineFramer.Lines lines = new FramedLines();

	/** Null unless the peer is a trusted proxy whose PROXY header has not been read yet. */
	private volatile @Nullable ProxyHeaderReader proxyHeader;

	/** The socket TLS reads behind a PROXY header; null without either. */
	private final @Nullable ReplayChannel replay;

	/** The client's address: the socket's peer, or the one a trusted proxy's header carried. */
	private volatile String clientHost;

	private volatile int clientPort;

	private volatile Input input;

	// selector thread only: the line being turned into a message (see getPayload)
	private byte[] line;

	// selector thread only
	private boolean inputEnded;

	// selector thread only
	private boolean overLimit;

	// selector thread only: the end of the TLS handshake was acted on
	private boolean establishedSeen;

	// selector thread only: a turn ended with lines left over, and no turn since found the socket drained
	private boolean heavy;

	/** Everything was sent and FIN is out: input is read only to be dropped, until EOF or the linger ends. */
	private volatile boolean lingering;

	ChatNioConnection(SocketChannel channel, ApplicationEventPublisher publisher, String factoryName,
			SelectorRound round, LineFramer framer, SlowConsumerRule slowConsumers, LongConsumer bytesSent,
			ScheduledExecutorService timer, @Nullable ChatTls chatTls, @Nullable ProxyHeaderReader proxyHeader) {
		super(channel, true, false, publisher, factoryName);
		this.channel = channel;
		this.round = round;
		this.framer = framer;
		this.chatTls = chatTls;
		this.proxyHeader = proxyHeader;
		this.replay = (proxyHeader != null && chatTls != null) ? new ReplayChannel(channel) : null;
		// the address a handshake is admitted under: the client's, once a PROXY header gave it
		this.tls = (chatTls != null) ? chatTls.open((this.replay != null) ? this.replay : channel,
				() -> this.clientHost, () -> round.readAgain(this)) : null;
		this.clientHost = getHostAddress();
		this.clientPort = getPort();
		this.outbound = new OutboundQueue(channel, (this.tls != null) ? this.tls : Wire.plain(channel), slowConsumers,
				round.backlog(), bytesSent);
		this.writer = round.assignWriter();
		this.timer = timer;
		if (proxyHeader != null) { // last: the deadline may close the connection, which needs all of it
			timer.schedule(this::proxyHeaderDue, proxyHeader.timeout().toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	void input(Input input) {
		this.input = input;
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
		return (this.tls != null && !this.lingering) ? this.tls.readWait().interestOps() : SelectionKey.OP_READ;
	}

	boolean isTls() {
		return this.tls != null;
	}

	/** True until a trusted proxy's PROXY header is read: the room must not see the connection yet. */
	boolean awaitsProxyHeader() {
		return this.proxyHeader != null;
	}

	/** The client's address without the port (the proxy's when no header said otherwise). */
	String clientHost() {
		return this.clientHost;
	}

	int clientPort() {
		return this.clientPort;
	}

	/** The connection as the logs name it: Spring Integration's id, and the client behind a proxy. */
	String describe() {
		String host = this.clientHost;
		return (host.equals(getHostAddress()) && this.clientPort == getPort()) ? getConnectionId()
				: getConnectionId() + " (client " + host + ":" + this.clientPort + ")";
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
		Input handler = this.input;
		if (this.inputEnded || handler == null) {
			return;
		}
		ProxyHeaderReader header = this.proxyHeader;
		if (header != null && !readProxyHeader(header, handler)) {
			return;
		}
		if (this.framer.holds()) {
			frameHeld(handler);
			return;
		}
		if (this.tls != null && !this.lingering) {
			readTls(handler);
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
			this.inputEnded = true;
			if (this.lingering) {
				close();
			}
			else {
				handler.ended();
			}
			return;
		}
		if (this.lingering) {
			return;
		}
		try {
			this.heavy = this.framer.frame(buffer.array(), 0, read, this.lines, ReadTurns.LINES_PER_TURN)
					|| read == buffer.capacity();
		}
		catch (IOException ex) {
			handler.failed(ex);
		}
		finally {
			this.overLimit = handler.readDone();
		}
	}

	private void frameHeld(Input handler) {
		try {
			this.framer.frameHeld(this.lines, ReadTurns.LINES_PER_TURN);
		}
		catch (IOException ex) {
			handler.failed(ex);
		}
		finally {
			this.overLimit = handler.readDone();
		}
	}

	/**
	 * Reads a trusted proxy's PROXY header, bounded; once it is whole the room sees the connection,
	 * under the client's address, and what followed the header is read as if it came now.
	 * @return true when TLS should read now (what followed the header waits for it)
	 */
	private boolean readProxyHeader(ProxyHeaderReader header, Input handler) {
		ByteBuffer buffer = this.round.readBuffer();
		buffer.clear();
		ProxyHeaderReader.Outcome outcome;
		try {
			int read = this.channel.read(buffer);
			outcome = (read < 0) ? header.ended() : header.feed(buffer.array(), 0, read);
		}
		catch (IOException ex) {
			outcome = header.ended(); // a reset
		}
		if (outcome == null || !header.finish(outcome)) {
			return false; // more to come, or the deadline came first and closes it
		}
		this.proxyHeader = null;
		if (!outcome.read()) {
			proxyHeaderFailed(handler, outcome);
			return false;
		}
		if (outcome == ProxyHeaderReader.Outcome.PROXIED) {
			this.clientHost = header.clientHost();
			this.clientPort = header.clientPort();
		}
		handler.proxyHeaderRead();
		ByteBuffer rest = header.rest();
		if (this.replay != null) {
			this.replay.replay(rest);
			return rest.hasRemaining();
		}
		if (rest.hasRemaining()) {
			try {
				this.heavy = this.framer.frame(rest.array(), rest.arrayOffset() + rest.position(), rest.remaining(),
						this.lines, ReadTurns.LINES_PER_TURN);
			}
			catch (IOException ex) {
				handler.failed(ex);
			}
			finally {
				this.overLimit = handler.readDone();
			}
		}
		return false;
	}

	/** The header timeout: a trusted proxy's connection still without a whole header is closed. */
	private void proxyHeaderDue() {
		ProxyHeaderReader header = this.proxyHeader;
		if (header != null && header.finish(ProxyHeaderReader.Outcome.TIMEOUT)) {
			this.proxyHeader = null;
			proxyHeaderFailed(this.input, ProxyHeaderReader.Outcome.TIMEOUT);
		}
	}

	/** A bad or missing header is the proxy's or a scanner's doing, common on a public port: DEBUG only. */
	private void proxyHeaderFailed(@Nullable Input handler, ProxyHeaderReader.Outcome outcome) {
		if (logger.isDebugEnabled()) {
			logger.debug(getConnectionId() + ": PROXY protocol header " + outcome.tag() + "; closing");
		}
		String failure = outcome.failure();
		if (handler != null && failure != null) {
			handler.proxyHeaderFailed(failure);
		}
		close();
	}

	/**
	 * Reads and frames what TLS has decrypted, up to one quantum: tls-channel may hold decrypted
	 * bytes the socket no longer signals, so a read that stops at the quantum asks for another.
	 */
	private void readTls(Input handler) {
		ByteBuffer buffer = this.round.readBuffer();
		int total = 0;
		this.overLimit = false;
		while (true) {
			buffer.clear();
			int read;
			try {
				read = this.tls.read(buffer);
			}
			catch (HandshakeRefusedException ex) {
				handler.refused(ex.reason(), ex.getMessage());
				return;
			}
			catch (IOException ex) {
				if (!this.tls.established()) {
					this.chatTls.handshakeFailed(describe(), ex);
					if (ex instanceof javax.net.ssl.SSLHandshakeException) { // a TLS client we refuse, not garbage
						this.tls.sendFailureAlert();
					}
				}
				else {
					logger.debug(describe() + " TLS read failed: " + ex);
				}
				if (ex instanceof javax.net.ssl.SSLException) {
					handler.protocolFailed(ex);
				}
				else {
					handler.failed(ex); // the socket itself: a reset is the client's doing
				}
				return;
			}
			if (!this.establishedSeen && this.tls.established()) {
				this.establishedSeen = true;
				if (this.outbound.peerReady()) {
					this.round.flushSoon(this); // the lines queued during the handshake (the prompt)
				}
			}
			if (read <= 0) {
				if (read < 0) {
					this.inputEnded = true;
					handler.ended();
				}
				return;
			}
			boolean held;
			try {
				held = this.framer.frame(buffer.array(), 0, read, this.lines, ReadTurns.LINES_PER_TURN);
			}
			catch (IOException ex) {
				handler.failed(ex);
				return;
			}
			finally {
				this.overLimit = handler.readDone();
			}
			total += read;
			this.heavy = held;
			if (this.overLimit || held) {
				return;
			}
			if (total >= SelectorRound.READ_QUANTUM) {
				this.round.readAgain(this);
				return;
			}
		}
	}

	/** The line being mapped: Spring Integration's mapper asks the connection for its payload. */
	@Override
	public Object getPayload() {
		return this.line;
	}

	private final class FramedLines implements LineFramer.Lines {

		@Override
		public boolean wanted(int length) {
			return ChatNioConnection.this.input.admits(length);
		}

		@Override
		public void line(byte[] bytes) {
			ChatNioConnection connection = ChatNioConnection.this;
			connection.line = bytes;
			try {
				Message<?> message = getMapper().toMessage(connection);
				TcpListener listener = getListener();
				if (message != null && listener != null) {
					listener.onMessage(message);
				}
			}
			catch (RuntimeException ex) {
				connection.input.lineFailed(ex);
			}
			finally {
				connection.line = null;
			}
		}

		@Override
		public void tooLong() {
			ChatNioConnection.this.input.lineTooLong();
		}

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

	/**
	 * Closes once the last bytes were handed to the socket: at once if the client has nothing
	 * unread on its way in (a refused or quiet client), else after a linger.
	 */
	void closeGracefully() {
		if (this.lingering) {
			close();
			return;
		}
		// TLS lingers whenever the client may still send: its unread bytes cannot be peeked at in passing
		boolean linger = !this.inputEnded && (this.tls != null || hasUnreadInput());
		if (this.tls != null) {
			this.lingering = linger; // first: a read racing with close_notify then drops its bytes instead of failing
			this.tls.closeNotify();
		}
		if (!linger) {
			close();
			return;
		}
		this.lingering = true;
		try {
			this.channel.shutdownOutput();
		}
		catch (IOException ex) {
			close();
			return;
		}
		Input handler = this.input;
		if (handler != null) {
			handler.finished();
		}
		this.timer.schedule(this::close, LINGER_MILLIS, TimeUnit.MILLISECONDS);
	}

	/** Reads (and drops) a little: whether the client sent something the relay has not read. */
	private boolean hasUnreadInput() {
		try {
			return this.channel.read(ByteBuffer.allocate(256)) > 0;
		}
		catch (IOException ex) {
			return false; // reset or closed: there is nobody to linger for
		}
	}

	@Override
	public void close() {
		this.outbound.close();
		super.close();
	}

}
