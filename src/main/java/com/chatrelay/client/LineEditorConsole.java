package com.chatrelay.client;

import java.io.IOException;

import org.jline.keymap.KeyMap;
import org.jline.reader.Binding;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Reference;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The terminal's line editor (JLine): incoming lines are printed above the line being typed, which
 * stays whole below them, with the usual editing keys and a history of this session's lines (kept
 * in memory only: what was said is not written to disk).
 */
final class LineEditorConsole implements ClientConsole {

	/** Marks the input line, so it cannot be mistaken for a line that arrived. */
	static final String PROMPT = "> ";

	private static final int HISTORY_SIZE = 500;

	private final Terminal terminal;

	private final LineReader reader;

	/** Guards {@link #closed}: the reader thread may still show a line while the client closes. */
	private final Object lock = new Object();

	private boolean closed;

	private LineEditorConsole(Terminal terminal) {
		this.terminal = terminal;
		this.reader = LineReaderBuilder.builder()
			.terminal(terminal)
			.appName("chat-relay")
			// what is typed is chat text: "!!" and "^a^b" are not history events to expand
			.option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
			.option(LineReader.Option.INSERT_TAB, true)
			.variable(LineReader.HISTORY_SIZE, HISTORY_SIZE)
			.build();
		bindArrowsInBothModes(this.reader.getKeyMaps().get(LineReader.EMACS));
	}

	/**
	 * JLine binds the arrows as the terminal sends them in keypad mode ({@code ESC O A}), which it
	 * turns on only while reading; a key pressed just after Enter, before the next read, comes in
	 * normal mode ({@code ESC [ A}) and was ignored. Both forms do the same here.
	 */
	private static void bindArrowsInBothModes(KeyMap<Binding> keys) {
		String[][] arrows = { { "A", LineReader.UP_LINE_OR_HISTORY }, { "B", LineReader.DOWN_LINE_OR_HISTORY },
				{ "C", LineReader.FORWARD_CHAR }, { "D", LineReader.BACKWARD_CHAR },
				{ "H", LineReader.BEGINNING_OF_LINE }, { "F", LineReader.END_OF_LINE } };
		for (String[] arrow : arrows) {
			Reference widget = new Reference(arrow[1]);
			keys.bindIfNotBound(widget, KeyMap.esc() + "[" + arrow[0]);
			keys.bindIfNotBound(widget, KeyMap.esc() + "O" + arrow[0]);
		}
	}

	/** The system terminal, through JLine's JNI provider where native access is granted, else its exec provider. */
	static LineEditorConsole open() throws IOException {
		Terminal terminal = TerminalBuilder.builder()
			.system(true)
			.ffm(false) // needs Java 22
			.jni(nativeAccessGranted())
			.exec(true)
			// no probe of the terminal's modes: a reply that comes after JLine stopped waiting is typed into the input
			.graphemeCluster(false)
			.build();
		// raw for the whole session, not only inside readLine: a key typed just after Enter would
		// otherwise meet a cooked terminal, which echoes it (^[[A) before the next prompt; close() restores
		terminal.enterRawMode();
		return new LineEditorConsole(terminal);
	}

	/**
	 * JNI (a native library from JLine's jar) works on every Java from 17 on, but from Java 24 on
	 * loading it without native access granted prints a warning on the user's terminal: so it is used
	 * where access is granted (the jar's manifest grants it for {@code java -jar};
	 * {@code --enable-native-access=ALL-UNNAMED} for a class path), else {@code stty} through the
	 * exec provider, which needs nothing. Even a provider JLine only checks is loaded, hence the flag.
	 */
	static boolean nativeAccessGranted() {
		if (Runtime.version().feature() < 22) {
			return true;
		}
		try {
			return Boolean.TRUE.equals(Module.class.getMethod("isNativeAccessEnabled")
				.invoke(LineEditorConsole.class.getModule()));
		}
		catch (ReflectiveOperationException ex) {
			return false;
		}
	}

	@Override
	public String readLine() {
		try {
			return this.reader.readLine(PROMPT);
		}
		catch (EndOfFileException ex) {
			return null; // Ctrl-D on an empty line
		}
		catch (UserInterruptException ex) {
			throw new Interrupted();
		}
	}

	@Override
	public void show(String line) {
		synchronized (this.lock) {
			if (!this.closed) {
				this.reader.printAbove(line);
			}
		}
	}

	@Override
	public boolean isTerminal() {
		return true;
	}

	@Override
	public void close() {
		synchronized (this.lock) {
			if (this.closed) {
				return;
			}
			this.closed = true;
		}
		try {
			this.terminal.close(); // restores the terminal's settings
		}
		catch (IOException ex) {
			// the process is ending anyway
		}
	}

}
