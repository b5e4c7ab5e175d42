package com.chatrelay.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.BitSet;

/** One simulated user of the load generator: its socket, where it is in the protocol, what it saw. */
final class BenchClient {

	enum Role { SENDER, READER, STUCK }

	/** {@code JOINING} and {@code PARTING}: with --rooms, taking its room after the welcome (see RoomHandshake). */
	enum State { CONNECTING, AWAIT_PROMPT, AWAIT_WELCOME, JOINING, PARTING, READY, CLOSED }

	static final byte[] NO_BYTES = new byte[0];

	final int index;

	final String name;

	final Role role;

	SocketChannel channel;

	/** What lines are read from and written to: the socket, or TLS over it. */
	ByteChannel io;

	SelectionKey key;

	State state = State.CONNECTING;

	/** The start of a line that has not ended yet. */
	byte[] carry = NO_BYTES;

	/** Bytes written by this client's sender that the socket did not take yet. */
	ByteBuffer pendingWrite;

	// sender: the phase it paces for, its next sequence number and when the next line is due
	long phase = -1;

	long sequence;

	long nextDue;

	/** Lines {@code --simulate-late} keeps back until the drain is over. */
	final ArrayDeque<byte[]> heldBack = new ArrayDeque<>();

	// reader: lines seen in the current step, per sender of its room (by the sender's slot there)
	int step = -1;

	BitSet[] seen;

	long[] highest;

	BenchClient(int index, String name, Role role) {
		this.index = index;
		this.name = name;
		this.role = role;
	}

	/** Closes the socket, if any; the client is done either way. */
	void close() {
		this.state = State.CLOSED;
		if (this.channel != null) {
			try {
				this.channel.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}
	}

	/** Forgets the lines of the last step; {@code senders}: the senders of the client's room. */
	void resetFor(int newStep, int senders) {
		this.step = newStep;
		this.seen = new BitSet[senders];
		this.highest = new long[senders];
		for (int i = 0; i < senders; i++) {
			this.seen[i] = new BitSet();
			this.highest[i] = -1;
		}
	}

}
