package com.chatrelay.bench;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/** A client that does not play by the rules: it floods, stalls, or comes and goes at once. */
final class HostileClient {

	enum Kind {

		/** Logs in, then writes {@code a\n} for as long as the socket takes it; never reads again. */
		FLOODER,

		/** Sends a name and half a line, or half a name, and then nothing. */
		STALLER,

		/** Sends a name, {@code /help} and {@code /who}, half-closes and reads until the relay closes. */
		HALF_CLOSER,

		/** Sends the same, then resets the connection. */
		RESETTER

	}

	/** The welcome's line: it always follows the prompt's LF, so the match can start at the LF. */
	private static final byte[] WELCOME_LINE = ("\n" + new String(LineReader.WELCOME, StandardCharsets.US_ASCII))
		.getBytes(StandardCharsets.US_ASCII);

	final Kind kind;

	final String name;

	/** What it writes as soon as it is connected. */
	final ByteBuffer hello;

	SocketChannel channel;

	SelectionKey key;

	/** The hello is written; from here it floods, stalls or ends. */
	boolean helloSent;

	boolean welcomed;

	boolean closed;

	/** Where in an {@code a\n} pair the next flood write starts (0 or 1), so every line stays whole. */
	int floodOffset;

	/** How much of {@link #WELCOME_LINE} the bytes read so far end with. */
	private int matched;

	private HostileClient(Kind kind, String name, String hello) {
		this.kind = kind;
		this.name = name;
		this.hello = ByteBuffer.wrap(hello.getBytes(StandardCharsets.UTF_8));
	}

	static HostileClient flooder(String name) {
		return new HostileClient(Kind.FLOODER, name, name + "\n");
	}

	/** A staller with {@code named}, or one that never finishes its name. */
	static HostileClient staller(String name, boolean named) {
		return new HostileClient(Kind.STALLER, name, named ? name + "\nhalf a li" : "half a na");
	}

	static HostileClient churner(String name, boolean halfClose) {
		return new HostileClient(halfClose ? Kind.HALF_CLOSER : Kind.RESETTER, name, name + "\n/help\n/who\n");
	}

	/**
	 * Looks for the welcome line in bytes just read, across reads, without keeping them.
	 * @return whether the welcome has been seen
	 */
	boolean scanForWelcome(ByteBuffer read) {
		while (!this.welcomed && read.hasRemaining()) {
			byte b = read.get();
			if (b == WELCOME_LINE[this.matched]) {
				this.matched++;
				this.welcomed = this.matched == WELCOME_LINE.length;
			}
			else {
				// the LF is the pattern's only LF, so a mismatch restarts the match at most at this byte
				this.matched = (b == '\n') ? 1 : 0;
			}
		}
		return this.welcomed;
	}

	/** Closes the socket; {@code reset} sends an RST instead of a FIN (SO_LINGER 0). */
	void close(boolean reset) {
		this.closed = true;
		if (this.channel == null) {
			return;
		}
		try {
			if (reset && this.channel.isOpen()) {
				this.channel.setOption(StandardSocketOptions.SO_LINGER, 0);
			}
			this.channel.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

}
