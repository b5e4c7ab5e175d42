package com.chatrelay.tcp;

import com.chatrelay.chat.ChatRoom;
import com.chatrelay.chat.Session;

/**
 * The admission stage of one connection, between the framer and the inbound adapter: whether a line
 * is worth cutting out and handing to the room. A user over the rate limit stays over it for the
 * microseconds a read takes, so the room is asked once per read ({@link ChatRoom#admits}, a question
 * without side effects); after a no, the rest of the read's lines are only measured, and the room
 * hears of them once, at the end of the read ({@link ChatRoom#dropped}). A flood costs no copy and no
 * decoding. Selector thread only.
 */
final class LineAdmission {

	private final TcpClient client;

	private final ChatRoom room;

	// the lines of the current read refused after the room said no
	private int refusedLines;

	private long refusedBytes;

	private boolean overLimit;

	LineAdmission(TcpClient client, ChatRoom room) {
		this.client = client;
		this.room = room;
	}

	/** Whether the next line goes on to the room. */
	boolean admits() {
		if (this.overLimit) {
			return false;
		}
		Session current = this.client.session();
		if (current == null) {
			return false; // not seen by the room yet (a PROXY header pending): nothing to count it for
		}
		this.overLimit = !this.room.admits(current);
		return !this.overLimit;
	}

	/** A line {@link #admits} said no to: {@code length} bytes with its LF. */
	void refused(int length) {
		if (this.overLimit) {
			this.refusedLines++;
			this.refusedBytes += length;
		}
	}

	/**
	 * The lines of one read have all been framed.
	 * @return true when the client sends faster than its rate limit: read it again later
	 */
	boolean readDone() {
		if (this.refusedLines > 0) {
			this.room.dropped(this.client.session(), this.refusedLines, this.refusedBytes);
			this.refusedLines = 0;
			this.refusedBytes = 0;
		}
		boolean wasOverLimit = this.overLimit;
		this.overLimit = false;
		return wasOverLimit;
	}

}
