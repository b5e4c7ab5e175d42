package com.chatrelay.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.time.Duration;

import com.chatrelay.client.ClientArguments.UsageException;

/**
 * The terminal client ({@code java -jar chat-relay.jar client}): checks its arguments, connects
 * (over TLS with {@code --tls} or {@code --tls-ca}) and holds a {@link Conversation} on a line
 * editor when on a terminal, on plain lines when piped. No Spring, like the seed's
 * {@code chat_client.py}. Exit codes: 0 once the conversation is over, 1 when it cannot connect,
 * 2 for a bad argument (one line on standard error), 130 after Ctrl-C.
 */
public final class ChatClient {

	static final int CANNOT_CONNECT = 1;

	static final int BAD_USAGE = 2;

	private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

	/**
	 * How long to wait, after the end of input or {@code /quit}, for the server to close the
	 * connection; past it the client closes it itself.
	 */
	static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

	/** Opens the console once the connection is up. */
	@FunctionalInterface
	interface ConsoleOpener {

		ClientConsole open() throws IOException;

	}

	private ChatClient() {
	}

	/** The process's client, on {@code System.in} and {@code System.out}. @return the process exit code */
	public static int run(String[] args) {
		return run(args, ClientConsole::system, System.out, System.err, CLOSE_WAIT);
	}

	/** A client on plain lines, for tests and pipes. @return the exit code */
	static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Duration closeWait) {
		return run(args, () -> new PlainConsole(in, out), out, err, closeWait);
	}

	static int run(String[] args, ConsoleOpener consoles, PrintStream out, PrintStream err, Duration closeWait) {
		if (ClientArguments.isHelp(args)) {
			out.print(ClientArguments.USAGE);
			return 0;
		}
		ClientArguments arguments;
		try {
			arguments = ClientArguments.parse(args);
		}
		catch (UsageException ex) {
			err.println(ex.line());
			return BAD_USAGE;
		}
		ClientTls security;
		try {
			security = (arguments.caFile() != null) ? ClientTls.trusting(arguments.caFile())
					: arguments.tls() ? ClientTls.systemTrust() : null;
		}
		catch (IOException | GeneralSecurityException ex) {
			err.println("client: cannot use " + arguments.caFile() + " as CA certificates: " + ex.getMessage());
			return BAD_USAGE;
		}
		String where = arguments.host() + ":" + arguments.port();
		Socket socket = new Socket();
		try {
			socket.connect(new InetSocketAddress(arguments.host(), arguments.port()), CONNECT_TIMEOUT_MILLIS);
			socket.setTcpNoDelay(true);
		}
		catch (IOException ex) {
			closeQuietly(socket);
			err.println("cannot connect to " + where + ": " + ex.getMessage());
			return CANNOT_CONNECT;
		}
		if (security != null) {
			try {
				socket = security.wrap(socket, arguments.host(), arguments.port());
			}
			catch (IOException ex) {
				closeQuietly(socket);
				err.println("TLS handshake with " + where + " failed: " + ex.getMessage());
				return CANNOT_CONNECT;
			}
		}
		try (ClientConsole console = consoles.open()) {
			return new Conversation(socket, console, closeWait).run();
		}
		catch (IOException ex) {
			err.println("client: cannot use the terminal: " + ex.getMessage());
			return CANNOT_CONNECT;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return CANNOT_CONNECT;
		}
		finally {
			closeQuietly(socket);
			out.flush();
		}
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

}
