package com.chatrelay.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The terminal client: prints the server's lines as they arrive while sending what the user types.
 * Ends on {@code /quit} (once the server closes), at the end of input (once the server closes
 * after reading everything), or when the server closes. Plain sockets and two threads, like the
 * seed's {@code chat_client.py}; no Spring. With {@code --tls} or {@code --tls-ca} it speaks TLS.
 */
public final class ChatClient {

	static final String USAGE = """
			usage: client [--tls | --tls-ca <pem file>] [host] [port]
			connects to a chat relay (default localhost 5555), sends the lines you type and prints what others say
			  --tls              speak TLS, trusting the system's certificate authorities
			  --tls-ca <file>    speak TLS, trusting the CA certificate(s) of this PEM file
			""";

	private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

	/**
	 * How long to wait, after the end of input or {@code /quit}, for the server to close the
	 * connection; past it the client closes it itself.
	 */
	static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

	/** How the typing side ended. */
	private enum InputEnd { END_OF_INPUT, QUIT, FAILED }

	private ChatClient() {
	}

	/** Usage: {@code client [--tls | --tls-ca <pem file>] [host] [port]}. @return the process exit code */
	public static int run(String[] args, InputStream in, PrintStream out) {
		return run(args, in, out, CLOSE_WAIT);
	}

	static int run(String[] args, InputStream in, PrintStream out, Duration closeWait) {
		for (String arg : args) {
			if (arg.equals("--help") || arg.equals("-h")) {
				out.print(USAGE);
				return 0;
			}
		}
		List<String> positional = new ArrayList<>();
		boolean tls = false;
		String caFile = null;
		for (int i = 0; i < args.length; i++) {
			if (args[i].equals("--tls")) {
				tls = true;
			}
			else if (args[i].equals("--tls-ca") && i + 1 < args.length) {
				caFile = args[++i];
			}
			else if (args[i].equals("--tls-ca")) {
				return usageError(out, "--tls-ca needs a PEM file");
			}
			else if (args[i].startsWith("-")) {
				return usageError(out, "unexpected argument " + args[i]);
			}
			else {
				positional.add(args[i]);
			}
		}
		if (positional.size() > 2) {
			return usageError(out, "unexpected arguments " + String.join(" ", positional.subList(2, positional.size())));
		}
		String host = (positional.size() > 0) ? positional.get(0) : "localhost";
		int port;
		try {
			port = (positional.size() > 1) ? Integer.parseInt(positional.get(1)) : 5555;
		}
		catch (NumberFormatException ex) {
			return usageError(out, "not a port: " + positional.get(1));
		}
		ClientTls security;
		try {
			security = (caFile != null) ? ClientTls.trusting(Path.of(caFile)) : tls ? ClientTls.systemTrust() : null;
		}
		catch (IOException | GeneralSecurityException ex) {
			out.println("client: cannot use " + caFile + " as CA certificates: " + ex.getMessage());
			return 2;
		}
		Socket socket = new Socket();
		try {
			socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
			socket.setTcpNoDelay(true);
		}
		catch (IOException ex) {
			closeQuietly(socket);
			out.println("cannot connect to " + host + ":" + port + ": " + ex.getMessage());
			return 1;
		}
		if (security != null) {
			try {
				socket = security.wrap(socket, host, port);
			}
			catch (IOException ex) {
				closeQuietly(socket);
				out.println("TLS handshake with " + host + ":" + port + " failed: " + ex.getMessage());
				return 1;
			}
		}
		try {
			chat(socket, in, out, closeWait);
			return 0;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 1;
		}
		finally {
			closeQuietly(socket);
		}
	}

	private static int usageError(PrintStream out, String problem) {
		out.println("client: " + problem);
		out.print(USAGE);
		return 2;
	}

	private static void chat(Socket socket, InputStream in, PrintStream out, Duration closeWait)
			throws InterruptedException {
		CompletableFuture<Void> serverClosed = new CompletableFuture<>();
		CompletableFuture<InputEnd> inputEnded = new CompletableFuture<>();
		start("chat-client-reader", () -> {
			try {
				printLines(socket, out);
			}
			finally {
				serverClosed.complete(null);
			}
		});
		start("chat-client-writer", () -> {
			try {
				inputEnded.complete(sendLines(in, socket));
			}
			finally {
				inputEnded.complete(InputEnd.FAILED); // no-op unless sendLines threw
			}
		});
		try {
			CompletableFuture.anyOf(serverClosed, inputEnded).get();
			if (serverClosed.isDone() || inputEnded.get() == InputEnd.FAILED) {
				return;
			}
			// the server still has to read what we sent (and may answer): let it close first
			serverClosed.get(closeWait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			out.println("(the server did not close the connection within " + closeWait.toMillis()
					+ " ms; closing it)");
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
		finally {
			out.flush();
		}
	}

	private static void start(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
	}

	private static void printLines(Socket socket, PrintStream out) {
		try {
			BufferedReader server = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			String line;
			while ((line = server.readLine()) != null) {
				out.println(line);
				out.flush();
			}
			out.println("(connection closed by the server)");
		}
		catch (IOException ex) {
			if (!socket.isClosed()) {
				out.println("(connection lost: " + ex.getMessage() + ")");
			}
		}
		finally {
			out.flush();
		}
	}

	private static InputEnd sendLines(InputStream in, Socket socket) {
		try {
			BufferedReader user = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			OutputStream server = socket.getOutputStream();
			String line;
			while ((line = user.readLine()) != null) {
				server.write((line + "\n").getBytes(StandardCharsets.UTF_8));
				server.flush();
				if (line.trim().equals("/quit") || line.trim().startsWith("/quit ")) {
					return InputEnd.QUIT; // the server closes the connection
				}
			}
			// half-close, not close: everything written still reaches the server, which then closes
			socket.shutdownOutput();
			return InputEnd.END_OF_INPUT;
		}
		catch (IOException ex) {
			return InputEnd.FAILED;
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
