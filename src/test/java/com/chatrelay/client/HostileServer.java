package com.chatrelay.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server no client should trust, on a real loopback socket: it sends the prompt, reads the name,
 * answers with lines full of terminal escape sequences, and records every line the client sends.
 */
final class HostileServer implements AutoCloseable {

	private final ServerSocket listener;

	private final List<String> received = new CopyOnWriteArrayList<>();

	private final Thread thread;

	private volatile Socket connection;

	HostileServer(byte[]... linesAfterTheName) throws IOException {
		this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
		this.thread = new Thread(() -> serve(linesAfterTheName), "hostile-server");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	int port() {
		return this.listener.getLocalPort();
	}

	/** The lines the client sent, its name first. */
	List<String> received() {
		return this.received;
	}

	private void serve(byte[][] lines) {
		try (Socket socket = this.listener.accept()) {
			this.connection = socket;
			OutputStream out = socket.getOutputStream();
			out.write("Enter your name:\n".getBytes(StandardCharsets.UTF_8));
			out.flush();
			BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			String name = in.readLine();
			if (name == null) {
				return;
			}
			this.received.add(name);
			for (byte[] line : lines) {
				out.write(line);
			}
			out.flush();
			String line;
			while ((line = in.readLine()) != null) {
				this.received.add(line);
			}
		}
		catch (IOException ex) {
			// closed by the test
		}
	}

	@Override
	public void close() throws IOException {
		this.listener.close();
		Socket socket = this.connection;
		if (socket != null) {
			socket.close();
		}
	}

}
