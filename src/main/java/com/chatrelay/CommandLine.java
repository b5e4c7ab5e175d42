package com.chatrelay;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.OptionalInt;

import com.chatrelay.bench.BenchCommand;
import com.chatrelay.client.ChatClient;

/**
 * The jar's first word: {@code client} and {@code bench} run without Spring; no word, or an option
 * ({@code --chat.tcp.port=...}), starts the relay; any other word is a mistake, never a relay
 * started by a typo.
 */
final class CommandLine {

	static final int FAILED = 1;

	static final int BAD_USAGE = 2;

	static final String USAGE = "usage: java -jar chat-relay.jar client [host] [port] | bench [--name=value ...]"
			+ " | [--property=value ...] (no word starts the relay)";

	private CommandLine() {
	}

	/** @return the exit code of the command the arguments name, or empty to start the relay */
	static OptionalInt run(String[] args, PrintStream out, PrintStream err) {
		if (args.length == 0 || args[0].startsWith("-")) {
			return OptionalInt.empty();
		}
		String[] rest = Arrays.copyOfRange(args, 1, args.length);
		try {
			switch (args[0]) {
				case "client":
					return OptionalInt.of(ChatClient.run(rest));
				case "bench":
					return OptionalInt.of(BenchCommand.run(rest, out, err));
				default:
					err.println("chat-relay: unknown command '" + args[0] + "'; " + USAGE);
					return OptionalInt.of(BAD_USAGE);
			}
		}
		catch (RuntimeException ex) {
			// a command-line tool says what went wrong in a line; a stack trace is for the relay's log
			err.println(args[0] + ": failed: " + ex);
			return OptionalInt.of(FAILED);
		}
	}

}
