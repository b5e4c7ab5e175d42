package com.chatrelay.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for a relay with rooms (SPEC §9), until the relay has them: just enough of the
 * handshake, {@code /join}, {@code /part} and the two line forms for the load generator, on one or
 * more loopback ports that share their rooms (as replicas would). A thread per client: tests only.
 */
final class FakeRoomRelay implements AutoCloseable {

	/** What the stand-in does with rooms. */
	enum Mode {

		/** As §9 says. */
		ROOMS,

		/** Confirms joins and parts but relays every line to everybody, in the §1 form: a routing bug. */
		IGNORES_ROOMS,

		/** Relays to the room's members only, but always prefixed with the room, active or not: the wrong form. */
		ALWAYS_PREFIXED,

		/** A relay before rooms: {@code /join} is an unknown command. */
		NO_ROOMS

	}

	private final Mode mode;

	private final List<ServerSocket> servers = new ArrayList<>();

	private final List<Member> members = new CopyOnWriteArrayList<>();

	/** Which port (its index) each user connected to. */
	final Map<String, Integer> portOf = new ConcurrentHashMap<>();

	FakeRoomRelay(Mode mode, int ports) throws IOException {
		this.mode = mode;
		for (int i = 0; i < ports; i++) {
			ServerSocket server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
			this.servers.add(server);
			int index = i;
			daemon(() -> accept(server, index));
		}
	}

	/** The {@code --ports=...} value for the load generator. */
	String ports() {
		return String.join(",", this.servers.stream().map((server) -> String.valueOf(server.getLocalPort())).toList());
	}

	private void accept(ServerSocket server, int index) {
		while (!server.isClosed()) {
			try {
				Socket socket = server.accept();
				daemon(() -> serve(socket, index));
			}
			catch (IOException ex) {
				return; // closed
			}
		}
	}

	private void serve(Socket socket, int port) {
		Member member = null;
		try (socket) {
			socket.setTcpNoDelay(true);
			BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			OutputStream out = socket.getOutputStream();
			out.write("Enter your name:\n".getBytes(StandardCharsets.UTF_8));
			String name = in.readLine();
			if (name == null) {
				return;
			}
			member = new Member(name, out);
			member.send("[SERVER] welcome, " + name + "! " + (this.members.size() + 1) + " online. Type /help for commands.");
			this.portOf.put(name, port);
			this.members.add(member);
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				handle(member, line);
			}
		}
		catch (IOException ex) {
			// the client went away
		}
		finally {
			if (member != null) {
				this.members.remove(member);
			}
		}
	}

	private void handle(Member member, String line) throws IOException {
		if (line.startsWith("/join ")) {
			if (this.mode == Mode.NO_ROOMS) {
				member.send("[SERVER] error: unknown command /join; try /help");
				return;
			}
			String room = line.substring(6).trim();
			member.rooms.add(room);
			member.active = room;
			member.send("[SERVER] you joined " + room + " (" + count(room) + " members)");
			for (Member other : this.members) {
				if (other != member && other.rooms.contains(room)) {
					other.tell("[SERVER] " + member.name + " joined " + room);
				}
			}
		}
		else if (line.startsWith("/part ")) {
			String room = line.substring(6).trim();
			member.send(member.rooms.remove(room) ? "[SERVER] you left " + room : "[SERVER] error: you are not in " + room);
		}
		else {
			for (Member other : this.members) {
				if (other == member) {
					continue;
				}
				if (this.mode == Mode.IGNORES_ROOMS
						|| (this.mode == Mode.ROOMS && other.active.equals(member.active))) {
					other.tell("[" + member.name + "] " + line);
				}
				else if (other.rooms.contains(member.active)) {
					other.tell(member.active + " [" + member.name + "] " + line);
				}
			}
		}
	}

	private static void daemon(Runnable task) {
		Thread thread = new Thread(task, "fake-relay");
		thread.setDaemon(true);
		thread.start();
	}

	private long count(String room) {
		return this.members.stream().filter((member) -> member.rooms.contains(room)).count();
	}

	@Override
	public void close() throws IOException {
		for (ServerSocket server : this.servers) {
			server.close();
		}
	}

	/** One connected user: its rooms and where its lines go. */
	private static final class Member {

		final String name;

		final OutputStream out;

		final Set<String> rooms = ConcurrentHashMap.newKeySet();

		volatile String active = "#lobby";

		/** A write to its client failed: nothing more is written to it. */
		volatile boolean gone;

		Member(String name, OutputStream out) {
			this.name = name;
			this.out = out;
			this.rooms.add("#lobby");
		}

		synchronized void send(String line) throws IOException {
			this.out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
			this.out.flush();
		}

		/**
		 * A line from another member's thread. A member whose client has gone (a client of the run
		 * before, its thread not yet at its EOF) fails the write: that is its own thread's end to
		 * handle, and must not end the sender's connection, as it did when this threw.
		 */
		void tell(String line) {
			if (this.gone) {
				return;
			}
			try {
				send(line);
			}
			catch (IOException ex) {
				this.gone = true;
			}
		}

	}

}
