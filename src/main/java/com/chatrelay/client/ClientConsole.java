package com.chatrelay.client;

import java.io.Console;
import java.io.IOException;
import java.lang.reflect.Method;

/**
 * Where the client reads what the user types and shows what arrives: a line editor when standard
 * input and output are a terminal, plain lines when either is piped.
 */
interface ClientConsole extends AutoCloseable {

	/** The next line typed; {@code null} at the end of input. @throws Interrupted when the user pressed Ctrl-C */
	String readLine() throws IOException;

	/** Shows a line (the server's, already clean, or the client's own note) without disturbing what is being typed. */
	void show(String line);

	/** Whether this is the line editor on a terminal (where the end of input is the user's Ctrl-D). */
	boolean isTerminal();

	@Override
	void close();

	/** The process's console: the line editor on a terminal, else plain lines on {@code System.in} and {@code System.out}. */
	static ClientConsole system() throws IOException {
		return onTerminal() ? LineEditorConsole.open() : new PlainConsole(System.in, System.out);
	}

	/**
	 * Whether standard input and output are both a terminal. Before Java 22 that is exactly when
	 * {@link System#console()} is there; from 22 on it may be there when piped, and
	 * {@code Console.isTerminal()} (read reflectively: we build for 17) tells.
	 */
	static boolean onTerminal() {
		Console console = System.console();
		if (console == null) {
			return false;
		}
		try {
			Method isTerminal = Console.class.getMethod("isTerminal");
			return (Boolean) isTerminal.invoke(console);
		}
		catch (NoSuchMethodException ex) {
			return true;
		}
		catch (ReflectiveOperationException ex) {
			return false;
		}
	}

	/** The user pressed Ctrl-C on the terminal. */
	final class Interrupted extends RuntimeException {

		private static final long serialVersionUID = 1L;

		Interrupted() {
			super("interrupted", null, false, false);
		}

	}

}
