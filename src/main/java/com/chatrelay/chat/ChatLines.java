package com.chatrelay.chat;

import java.time.Clock;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The lines of named users: the rate limit (room commands count like any line), commands, and
 * relaying text to the sender's active room.
 * Called on the session's reading thread, one line at a time.
 */
final class ChatLines {

	private static final long SLOW_DOWN_NOTICE_INTERVAL = 1_000_000_000L;

	private final Commands commands;

	private final RoomCommands rooms;

	private final Delivery delivery;

	private final ChatMetrics metrics;

	private final Clock clock;

	private final LongSupplier nanoTime;

	private final LongAdder messagesIn = new LongAdder();

	ChatLines(Commands commands, RoomCommands rooms, Delivery delivery, ChatMetrics metrics, Clock clock,
			LongSupplier nanoTime) {
		this.commands = commands;
		this.rooms = rooms;
		this.delivery = delivery;
		this.metrics = metrics;
		this.clock = clock;
		this.nanoTime = nanoTime;
	}

	/** A line of a named user, read at {@code start} (nanos). */
	void received(Session session, byte[] line, long start) {
		String raw = TextSanitizer.decode(line);
		String text = TextSanitizer.removeControls(raw);
		if (TextSanitizer.isBlank(text)) {
			return;
		}
		if (session.rateLimiter != null && !session.rateLimiter.tryAcquire(start)) {
			rateLimited(session, start);
			return;
		}
		session.countIn();
		this.messagesIn.increment();
		this.metrics.messageReceived();
		if (text.startsWith("//")) {
			relay(session, text.substring(1), start);
		}
		else if (text.startsWith("/")) {
			this.commands.run(session, text, raw);
		}
		else {
			relay(session, text, start);
		}
	}

	/** See {@link ChatServer#admits}. */
	boolean admits(Session session) {
		RateLimiter limiter = session.rateLimiter;
		return limiter == null || !session.isChatting() || limiter.hasToken(this.nanoTime.getAsLong());
	}

	/** See {@link ChatServer#dropped}. */
	void dropped(Session session, int lines, long bytes) {
		long now = this.nanoTime.getAsLong();
		session.touched(now, this.clock.millis(), bytes);
		this.metrics.lineReceived(bytes);
		this.metrics.messagesDropped(DropReason.RATE_LIMITED, lines);
		slowDown(session, now);
	}

	/** Lines accepted from named users so far. */
	long messagesIn() {
		return this.messagesIn.sum();
	}

	private void rateLimited(Session session, long now) {
		this.metrics.messageDropped(DropReason.RATE_LIMITED);
		slowDown(session, now);
	}

	/** Tells a user over the rate limit to slow down, at most once a second. */
	private void slowDown(Session session, long now) {
		if (now - session.lastSlowDownNotice >= SLOW_DOWN_NOTICE_INTERVAL || session.lastSlowDownNotice == 0) {
			session.lastSlowDownNotice = now;
			this.delivery.deliver(session, Replies.SLOW_DOWN);
		}
	}

	private void relay(Session sender, String text, long start) {
		this.rooms.say(sender, Replies.chat(sender.name(), text));
		this.metrics.relayLatency(this.nanoTime.getAsLong() - start);
	}

}
