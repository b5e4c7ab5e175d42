package com.chatrelay.tcp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.ProtocolDetectionState;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import org.jspecify.annotations.Nullable;

/**
 * The PROXY protocol header (v1 text or v2 binary) that starts a trusted proxy's connection: gathers
 * the first bytes, bounded, until Netty's {@link HAProxyMessageDecoder} finds a whole header, and
 * keeps what came after it (TLS records or the name line) for the connection to read next.
 * <p>
 * Threads: the selector thread feeds it; the deadline runs on the timer. Whichever of them ends it
 * first ({@link #finish}) acts; the other leaves it alone.
 */
final class ProxyHeaderReader {

	/**
	 * Bytes of v2 TLVs taken after the address block. AWS NLB sends a VPC endpoint id (about 30 bytes),
	 * HAProxy none unless told; a header that would need more is refused, so a proxy cannot make the
	 * relay hold 64 KB per connection.
	 */
	static final int MAX_TLV_BYTES = 1024;

	/** The longest header taken: v2's 16 fixed bytes, the largest address block (216) and the TLVs. */
	static final int MAX_HEADER_BYTES = 16 + 216 + MAX_TLV_BYTES;

	/** How a connection's header ended: the value of the {@code outcome} label of its metric. */
	enum Outcome {

		/** A PROXY header with the client's TCP address: the connection is the client's. */
		PROXIED("proxied", null),
		/** A v2 LOCAL header (a health check) or an address that is no TCP one: the proxy's own address. */
		LOCAL("local", null),
		/** Bytes that are no PROXY header, or a header past the size bounds. */
		MALFORMED("malformed", "malformed PROXY protocol header"),
		/** The connection ended in the middle of its header. */
		INCOMPLETE("incomplete", "incomplete PROXY protocol header"),
		/** No whole header within the header timeout. */
		TIMEOUT("timeout", "no PROXY protocol header in time"),
		/** Closed before it sent anything (a load balancer's TCP health check): not a chat connection. */
		CLOSED("closed", null);

		private final String tag;

		private final @Nullable String failure;

		Outcome(String tag, @Nullable String failure) {
			this.tag = tag;
			this.failure = failure;
		}

		String tag() {
			return this.tag;
		}

		/** Whether the connection goes on to the chat. */
		boolean read() {
			return this == PROXIED || this == LOCAL;
		}

		/** Why the connection was closed for {@code error} (its disconnect record), or null. */
		@Nullable String failure() {
			return this.failure;
		}

	}

	private final Duration timeout;

	private final Consumer<Outcome> counted;

	private final AtomicBoolean finished = new AtomicBoolean();

	// selector thread only, from here on
	private byte[] received = new byte[256];

	private int length;

	private @Nullable String clientHost;

	private int clientPort;

	private ByteBuffer rest = ByteBuffer.allocate(0);

	/**
	 * @param timeout how long the whole header may take
	 * @param counted told the outcome once it is final
	 */
	ProxyHeaderReader(Duration timeout, Consumer<Outcome> counted) {
		this.timeout = timeout;
		this.counted = counted;
	}

	Duration timeout() {
		return this.timeout;
	}

	/**
	 * Takes bytes read from the socket.
	 * @return null while the header is not whole yet, else {@code PROXIED}, {@code LOCAL} or
	 * {@code MALFORMED}
	 */
	@Nullable Outcome feed(byte[] bytes, int offset, int count) {
		if (this.length + count > this.received.length) {
			this.received = Arrays.copyOf(this.received, Math.max(this.length + count, 2 * this.received.length));
		}
		System.arraycopy(bytes, offset, this.received, this.length, count);
		this.length += count;
		return parse();
	}

	/** The client's stream ended (FIN or reset) before the header was whole. */
	Outcome ended() {
		return (this.length == 0) ? Outcome.CLOSED : Outcome.INCOMPLETE;
	}

	/**
	 * Ends the header with this outcome, unless it was ended already (by the deadline, or by the
	 * selector thread that read it); the first end is counted.
	 * @return whether this call ended it: its caller acts on the outcome
	 */
	boolean finish(Outcome outcome) {
		if (!this.finished.compareAndSet(false, true)) {
			return false;
		}
		this.counted.accept(outcome);
		return true;
	}

	/** The client's address from a {@code PROXIED} header, as {@link InetAddress#getHostAddress} writes it. */
	@Nullable String clientHost() {
		return this.clientHost;
	}

	int clientPort() {
		return this.clientPort;
	}

	/** What the socket sent after the header, for the connection to read as if it came now. */
	ByteBuffer rest() {
		return this.rest;
	}

	private @Nullable Outcome parse() {
		ByteBuf all = Unpooled.wrappedBuffer(this.received, 0, this.length);
		// the decoder takes any other first bytes for the start of a v1 line and waits for its end
		if (this.length >= 12 && HAProxyMessageDecoder.detectProtocol(all).state() == ProtocolDetectionState.INVALID) {
			return Outcome.MALFORMED;
		}
		// the decoder is stateful and runs in a pipeline: a new one over everything received so far
		// keeps no Netty buffer alive between reads, nor one the deadline's thread would have to free
		EmbeddedChannel decoder = new EmbeddedChannel(new HAProxyMessageDecoder(MAX_TLV_BYTES));
		try {
			decoder.writeInbound(all);
			HAProxyMessage message = decoder.readInbound();
			if (message == null) {
				return (this.length > MAX_HEADER_BYTES) ? Outcome.MALFORMED : null;
			}
			Outcome outcome;
			try {
				outcome = addressOf(message);
			}
			finally {
				message.release();
			}
			ByteBuf after = decoder.readInbound(); // what followed the header, handed on when the decoder left
			int restLength = (after != null) ? after.readableBytes() : 0;
			if (after != null) {
				after.release();
			}
			this.rest = ByteBuffer.wrap(this.received, this.length - restLength, restLength);
			return outcome;
		}
		catch (RuntimeException ex) { // the decoder's DecoderException, or a value HAProxyMessage refused
			return Outcome.MALFORMED;
		}
		finally {
			decoder.finishAndReleaseAll();
		}
	}

	private Outcome addressOf(HAProxyMessage message) {
		if (message.command() == HAProxyCommand.LOCAL) {
			return Outcome.LOCAL;
		}
		HAProxyProxiedProtocol protocol = message.proxiedProtocol();
		if (protocol != HAProxyProxiedProtocol.TCP4 && protocol != HAProxyProxiedProtocol.TCP6) {
			return Outcome.LOCAL; // UNKNOWN (the spec says: use the proxy's address), UDP or a UNIX socket
		}
		try {
			// the decoder checked it is a literal address: in brackets it is parsed, never looked up
			InetAddress address = InetAddress.getByName((protocol == HAProxyProxiedProtocol.TCP6)
					? "[" + message.sourceAddress() + "]" : message.sourceAddress());
			this.clientHost = address.getHostAddress(); // the form a socket's address has, for bans and counts
		}
		catch (UnknownHostException ex) {
			return Outcome.MALFORMED;
		}
		this.clientPort = message.sourcePort();
		return Outcome.PROXIED;
	}

}
