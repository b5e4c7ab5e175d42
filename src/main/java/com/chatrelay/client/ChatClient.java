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
import java.util.concurrent.CountDownLatch;

/**
 * The terminal client: prints the server's lines as they arrive while sending what the user types.
 * Ends on {@code /quit} (once the server closes), at the end of input, or when the server closes.
 * Plain sockets and two threads, like the seed's {@code chat_client.py}; no Spring.
 */
public final class ChatClient {

	static final String USAGE = """
			usage: client [host] [port]
			connects to a chat relay (default localhost 5555), sends the lines you type and prints what others say
			""";

	private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

	private ChatClient() {
	}

	/** Usage: {@code client [host] [port]}. @return the process exit code */
	public static int run(String[] args, InputStream in, PrintStream out) {
		for (String arg : args) {
			if (arg.equals("--help") || arg.equals("-h")) {
				out.print(USAGE);
				return 0;
			}
		}
		if (args.length > 2 || (args.length > 0 && args[0].startsWith("-"))) {
			out.println("client: unexpected arguments " + String.join(" ", args));
			out.print(USAGE);
			return 2;
		}
		String host = (args.length > 0) ? args[0] : "localhost";
		int port;
		try {
			port = (args.length > 1) ? Integer.parseInt(args[1]) : 5555;
		}
		catch (NumberFormatException ex) {
			out.print(USAGE);
			return 2;
		}
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
			socket.setTcpNoDelay(true);
			CountDownLatch done = new CountDownLatch(1);
			Thread printer = new Thread(() -> printLines(socket, out, done), "chat-client-reader");
			printer.setDaemon(true);
			printer.start();
			Thread typist = new Thread(() -> sendLines(in, socket, done), "chat-client-writer");
			typist.setDaemon(true);
			typist.start();
			done.await();
			printer.join(2000);
			return 0;
		}
		catch (IOException ex) {
			out.println("cannot connect to " + host + ":" + port + ": " + ex.getMessage());
			return 1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 1;
		}
	}

	private static void printLines(Socket socket, PrintStream out, CountDownLatch done) {
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
			out.println("(connection lost: " + ex.getMessage() + ")");
		}
		finally {
			out.flush();
			done.countDown();
		}
	}

	private static void sendLines(InputStream in, Socket socket, CountDownLatch done) {
		try {
			BufferedReader user = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			OutputStream server = socket.getOutputStream();
			String line;
			while ((line = user.readLine()) != null) {
				server.write((line + "\n").getBytes(StandardCharsets.UTF_8));
				server.flush();
				if (line.trim().equals("/quit") || line.trim().startsWith("/quit ")) {
					return; // the server closes the connection, and the printer ends the client
				}
			}
			// end of input: say goodbye and let the server's close end the client
			socket.shutdownOutput();
		}
		catch (IOException ex) {
			done.countDown();
		}
	}

}
