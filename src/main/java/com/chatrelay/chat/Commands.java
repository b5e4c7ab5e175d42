package com.chatrelay.chat;

import java.util.Locale;

/**
 * The slash commands of a named user: the room commands first ({@link RoomCommands}: {@code /join
 * /part /rooms /who #room /msg #room}), then {@code /help /who /nick /msg /me /quit}.
 */
final class Commands {

	private final NameRegistry names;

	private final Delivery delivery;

	private final Roster roster;

	private final Renames renames;

	private final Departures departures;

	private final RoomCommands rooms;

	private final Cluster cluster;

	Commands(NameRegistry names, Delivery delivery, Roster roster, Renames renames, Departures departures,
			RoomCommands rooms, Cluster cluster) {
		this.names = names;
		this.delivery = delivery;
		this.roster = roster;
		this.renames = renames;
		this.departures = departures;
		this.rooms = rooms;
		this.cluster = cluster;
	}

	/**
	 * Runs one command line; {@code line} (sanitized) starts with a single '/'. {@code raw} is the line
	 * as received: a new name is checked as typed, like at the handshake, never cleaned into another.
	 */
	void run(Session session, String line, String raw) {
		int space = line.indexOf(' ');
		String typed = (space < 0) ? line.substring(1) : line.substring(1, space);
		String word = typed.toLowerCase(Locale.ROOT);
		String rest = (space < 0) ? "" : NameRules.trim(line.substring(space + 1));
		if (this.rooms.run(session, word, rest, argumentAsTyped(raw))) {
			return;
		}
		switch (word) {
			case "help" -> help(session);
			case "who" -> who(session);
			case "nick" -> nick(session, argumentAsTyped(raw));
			case "msg" -> msg(session, rest);
			case "me" -> me(session, rest);
			case "quit" -> quit(session, rest);
			default -> error(session, "unknown command /" + typed + "; try /help");
		}
	}

	/** What follows the command word in the line as received, trimmed. */
	private static String argumentAsTyped(String raw) {
		int space = raw.indexOf(' ');
		return (space < 0) ? "" : NameRules.trim(raw.substring(space + 1));
	}

	private void help(Session session) {
		for (String line : Replies.HELP) {
			this.delivery.deliver(session, Replies.server(line));
		}
		for (String line : RoomReplies.HELP) {
			this.delivery.deliver(session, Replies.server(line));
		}
	}

	private void who(Session session) {
		FirstNames names = this.roster.firstNames(Replies.MAX_LISTED);
		this.delivery.deliver(session, Replies.online(names.count(), names.sorted()));
	}

	private void nick(Session session, String newName) {
		if (newName.isEmpty()) {
			error(session, "usage: /nick <new name>");
			return;
		}
		String problem = this.renames.rename(session, newName);
		if (problem != null) {
			error(session, problem);
		}
	}

	private void msg(Session session, String rest) {
		int space = rest.indexOf(' ');
		String text = (space < 0) ? "" : NameRules.trim(rest.substring(space + 1));
		if (space < 0 || TextSanitizer.isBlank(text)) {
			error(session, "usage: /msg <name> <text>");
			return;
		}
		String name = rest.substring(0, space);
		byte[] message = Replies.privateMessage(session.name(), text);
		Session recipient = this.names.find(name);
		if (recipient != null) {
			this.delivery.sendPrivate(recipient, message);
		}
		else {
			try {
				if (!this.cluster.sendPrivate(name, message)) {
					error(session, "no user named " + name);
				}
			}
			catch (ClusterUnavailableException ex) {
				error(session, name + " is on another server, which cannot be reached now; try again");
			}
		}
	}

	private void me(Session session, String action) {
		if (TextSanitizer.isBlank(action)) {
			error(session, "usage: /me <action>");
			return;
		}
		this.rooms.say(session, Replies.action(session.name(), action));
	}

	private void quit(Session session, String reason) {
		this.departures.disconnect(session, DisconnectReason.QUIT, TextSanitizer.isBlank(reason) ? null : reason, true);
	}

	private void error(Session session, String why) {
		this.delivery.deliver(session, Replies.error(why));
	}

}
