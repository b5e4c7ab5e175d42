package com.chatrelay.client;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The client's command line, {@code [--tls | --tls-ca <pem file>] [host] [port]}, checked before
 * anything connects: a mistake is a {@link UsageException} with a one-line reason.
 *
 * @param host the relay's host
 * @param port its chat port, 1 to 65535
 * @param tls speak TLS, trusting the system's certificate authorities (or {@code caFile}'s)
 * @param caFile trust only this PEM file's CA certificates; {@code null} for the system's
 */
record ClientArguments(String host, int port, boolean tls, Path caFile) {

	static final String SYNOPSIS = "client [--tls | --tls-ca <pem file>] [host] [port]";

	static final String USAGE = "usage: " + SYNOPSIS + "\n" + """
			connects to a chat relay (default localhost 5555), sends the lines you type and prints what others say
			  --tls              speak TLS, trusting the system's certificate authorities
			  --tls-ca <file>    speak TLS, trusting the CA certificate(s) of this PEM file
			""";

	static final String DEFAULT_HOST = "localhost";

	static final int DEFAULT_PORT = 5555;

	/** Whether the arguments ask for the usage instead of a connection. */
	static boolean isHelp(String[] args) {
		for (String arg : args) {
			if (arg.equals("--help") || arg.equals("-h")) {
				return true;
			}
		}
		return false;
	}

	static ClientArguments parse(String[] args) {
		List<String> positional = new ArrayList<>();
		boolean tls = false;
		Path caFile = null;
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (arg.equals("--tls")) {
				tls = true;
			}
			else if (arg.equals("--tls-ca")) {
				if (i + 1 == args.length || args[i + 1].isEmpty()) {
					throw new UsageException("--tls-ca needs a PEM file");
				}
				caFile = Path.of(args[++i]);
				tls = true;
			}
			else if (arg.startsWith("-")) {
				throw new UsageException("unknown option " + arg);
			}
			else if (arg.isBlank()) {
				throw new UsageException("an empty argument is no host or port");
			}
			else {
				positional.add(arg);
			}
		}
		if (positional.size() > 2) {
			throw new UsageException("unexpected argument " + positional.get(2) + " after the host and the port");
		}
		String host = positional.isEmpty() ? DEFAULT_HOST : positional.get(0);
		int port = (positional.size() < 2) ? DEFAULT_PORT : port(positional.get(1));
		return new ClientArguments(host, port, tls, caFile);
	}

	private static int port(String text) {
		int port;
		try {
			port = Integer.parseInt(text);
		}
		catch (NumberFormatException ex) {
			throw new UsageException("not a port: " + text + " (a number from 1 to 65535)");
		}
		if (port < 1 || port > 65535) {
			throw new UsageException("port out of range: " + text + " (1 to 65535)");
		}
		return port;
	}

	/** A mistake on the command line, said in one line. */
	static final class UsageException extends IllegalArgumentException {

		private static final long serialVersionUID = 1L;

		UsageException(String problem) {
			super(problem);
		}

		/** The line to print: the problem and the synopsis. */
		String line() {
			return "client: " + getMessage() + "; usage: " + SYNOPSIS + " (--help for more)";
		}

	}

}
