package com.chatrelay.bench;

import java.nio.charset.StandardCharsets;

/**
 * With {@code --rooms}, what a client does between its welcome and its first measured line: it
 * joins its room ({@code /join #rK}, which makes it the active room) and then parts the default
 * room, so that it reads its room's lines only, in the §1 form. Each answer is checked: a relay
 * without rooms answers with an error, and the run stops with that answer. Loop thread only.
 */
final class RoomHandshake {

	private final RoomPlan plan;

	private final String defaultRoom;

	private final LineSender sender;

	private final LoopStats stats;

	RoomHandshake(BenchOptions options, LineSender sender, LoopStats stats) {
		this.plan = options.plan();
		this.defaultRoom = options.defaultRoom();
		this.sender = sender;
		this.stats = stats;
	}

	/** Whether clients take a room of their own; without, a client is ready at its welcome. */
	boolean needed() {
		return this.plan.inRooms();
	}

	/** Right after the welcome: asks to join the client's room. */
	void start(BenchClient client) {
		client.state = BenchClient.State.JOINING;
		this.sender.write(client, ("/join " + roomOf(client) + "\n").getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * One line the client read while joining or parting; other users' notices pass by.
	 * @return true once the client is in its room only
	 */
	boolean onLine(BenchClient client, byte[] bytes, int from, int to) {
		String line = new String(bytes, from, to - from, StandardCharsets.UTF_8).stripTrailing();
		String room = roomOf(client);
		if (client.state == BenchClient.State.JOINING) {
			if (startsWithIgnoreCase(line, "[SERVER] you joined " + room + " (")) {
				client.state = BenchClient.State.PARTING;
				this.sender.write(client, ("/part " + this.defaultRoom + "\n").getBytes(StandardCharsets.UTF_8));
			}
			else if (answers(line)) {
				fail(client, line, "/join " + room, "does it support rooms (SPEC §9)?");
			}
			return false;
		}
		if (line.equalsIgnoreCase("[SERVER] you left " + this.defaultRoom)) {
			return true;
		}
		if (answers(line)) {
			fail(client, line, "/part " + this.defaultRoom, "is its default room " + this.defaultRoom + " (--default-room)?");
		}
		return false;
	}

	/** The text of a handshake that went wrong, as the run reports it. */
	static String failure(String answer, String command, String question) {
		return "the relay answered '" + answer + "' to " + command + ": " + question;
	}

	/**
	 * Whether a line is an answer to the client itself (an error, a "you ..." line, a line about a
	 * room) rather than a notice about somebody else, such as {@code [SERVER] b7 joined #r3}.
	 */
	static boolean answers(String line) {
		return line.startsWith("[SERVER] error") || line.startsWith("[SERVER] you ") || line.startsWith("[SERVER] #");
	}

	private void fail(BenchClient client, String answer, String command, String question) {
		this.stats.handshakeFailed(failure(answer, command, question));
		client.close();
	}

	private String roomOf(BenchClient client) {
		return RoomPlan.roomName(this.plan.roomOf(client.index));
	}

	private static boolean startsWithIgnoreCase(String line, String prefix) {
		return line.regionMatches(true, 0, prefix, 0, prefix.length());
	}

}
