package com.chatrelay.chat;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The exact lines of the wire protocol that scripts parse, encoded for the socket. */
final class Replies {

	static final byte[] PROMPT = encode("Enter your name:");

	static final byte[] SERVER_FULL = server("error: server full");

	static final byte[] SLOW_DOWN = server("error: slow down");

	static final byte[] TOO_MANY_FROM_ADDRESS = server("error: too many connections from your address");

	/** Past the connection rate of an address: a moment later it may connect again. */
	static final byte[] TOO_MANY_CONNECTIONS_NOW = server("error: too many connections from your address, try again later");

	static final byte[] SHUTTING_DOWN = server("server is shutting down");

	/**
	 * Names (or rooms) one reply lists, at most: {@code /who} of 10,000 users would be a 340 KB line
	 * that makes its asker a slow consumer. The admin API lists everybody.
	 */
	static final int MAX_LISTED = 100;

	static final List<String> HELP = List.of(
			"commands:",
			"  /help                 this list",
			"  /who                  who is online",
			"  /nick <name>          change your name",
			"  /msg <name> <text>    private message",
			"  /me <action>          describe what you do",
			"  /quit [reason]        leave",
			"  //text                send text that starts with /");

	private Replies() {
	}

	/** One line without its LF: the transport's serializer ends it. */
	static byte[] encode(String line) {
		return line.getBytes(StandardCharsets.UTF_8);
	}

	static byte[] server(String text) {
		return encode("[SERVER] " + text);
	}

	static byte[] error(String why) {
		return server("error: " + why);
	}

	static byte[] chat(String name, String text) {
		return encode("[" + name + "] " + text);
	}

	static byte[] privateMessage(String from, String text) {
		return encode("[" + from + " -> you] " + text);
	}

	static byte[] action(String name, String action) {
		return encode("* " + name + " " + action);
	}

	static byte[] welcome(String name, int online) {
		return server("welcome, " + name + "! " + online + " online. Type /help for commands.");
	}

	static byte[] joined(String name) {
		return server(name + " joined the chat");
	}

	static byte[] left(String name, String why) {
		return server(name + " left the chat" + ((why == null || why.isEmpty()) ? "" : " (" + why + ")"));
	}

	static byte[] renamed(String oldName, String newName) {
		return server(oldName + " is now known as " + newName);
	}

	/** {@code /who}: the count of everybody, then {@code first}, the first {@link #MAX_LISTED} of the sorted names. */
	static byte[] online(int count, List<String> first) {
		String more = (count > first.size()) ? ", ... and " + (count - first.size()) + " more" : "";
		return server("online (" + count + "): " + String.join(", ", first) + more);
	}

	/** {@code a, b, c}: at most {@link #MAX_LISTED} items, then {@code , ... and <k> more}. */
	static String listed(List<String> items) {
		if (items.size() <= MAX_LISTED) {
			return String.join(", ", items);
		}
		return String.join(", ", items.subList(0, MAX_LISTED)) + ", ... and " + (items.size() - MAX_LISTED) + " more";
	}

	static byte[] lineTooLong(int max) {
		return error("line too long (max " + max + " bytes)");
	}

}
