package com.chatrelay.bench;

import java.util.Locale;

/**
 * Which room and which replica each client is in, and so who should get each sender's lines.
 * Client {@code i} is in room {@code i mod rooms} as its member number {@code i / rooms}; senders
 * (the first clients) and stuck readers (the last) are so spread evenly over the rooms. One room
 * is the relay's default room, where every user is after the handshake: no room commands, as
 * before rooms existed.
 *
 * @param clients the ordinary clients
 * @param senders how many of them send (the first ones)
 * @param stuck how many of them never read (the last ones)
 * @param rooms rooms the clients are spread over; 1 for the default room only
 * @param replicas the relay's replicas (ports)
 * @param spread how a room's members are placed on the replicas
 */
record RoomPlan(int clients, int senders, int stuck, int rooms, int replicas, Spread spread) {

	/** How a room's members are placed on the replicas ({@code --room-spread}). */
	enum Spread {

		/** Each room's members round robin over every replica: its lines cross replicas. */
		ACROSS,

		/** All of a room's members on one replica (rooms round robin): no line needs another replica. */
		TOGETHER;

		static Spread parse(String text) {
			for (Spread spread : values()) {
				if (spread.name().equalsIgnoreCase(text.trim())) {
					return spread;
				}
			}
			throw new IllegalArgumentException("--room-spread is across or together, not '" + text + "'");
		}

		@Override
		public String toString() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	RoomPlan {
		if (rooms < 1 || rooms > clients) {
			throw new IllegalArgumentException("--rooms must be between 1 and the number of clients");
		}
		if (replicas < 1) {
			throw new IllegalArgumentException("need a replica");
		}
	}

	/** Whether the clients join rooms of their own (else they all stay in the default room). */
	boolean inRooms() {
		return this.rooms > 1;
	}

	int roomOf(int client) {
		return client % this.rooms;
	}

	/** The client's member number in its room; for a sender, its slot among the room's senders. */
	int slotOf(int client) {
		return client / this.rooms;
	}

	/** The replica (index of its port) client {@code client} connects to; without rooms {@code client mod replicas}. */
	int replicaOf(int client) {
		return (this.spread == Spread.TOGETHER) ? roomOf(client) % this.replicas : slotOf(client) % this.replicas;
	}

	/** The room's wire name: {@code #r0}, {@code #r1}, ... */
	static String roomName(int room) {
		return "#r" + room;
	}

	/** How many of the senders are in {@code room}: the slots a reader there keeps track of. */
	int sendersIn(int room) {
		return countIn(room, this.senders);
	}

	/** The clients of {@code room} that read (all but the stuck ones). */
	int readersIn(int room) {
		return countIn(room, this.clients - this.stuck);
	}

	/** Who should get each of {@code sender}'s lines: the other readers of its room. */
	int receiversOf(int sender) {
		return readersIn(roomOf(sender)) - 1;
	}

	/** Whether a line from {@code sender} belongs at {@code receiver}: one of our senders, in the receiver's room. */
	boolean routedTo(int sender, int receiver) {
		return sender >= 0 && sender < this.senders && roomOf(sender) == roomOf(receiver);
	}

	/** Clients {@code 0..first-1} that are in {@code room}, the rooms taking them in turn. */
	private int countIn(int room, int first) {
		return first / this.rooms + ((room < first % this.rooms) ? 1 : 0);
	}

}
