package com.chatrelay.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Whether stallers are still connected, seen from the client: a staller never reads, so only by
 * reading what it was sent, once the run is over, does it find out whether the relay closed it.
 */
final class StallerCheck {

	/** Reads of one staller's input before it counts as connected anyway: the relay still sends to it. */
	private static final int MAX_READS = 16;

	private StallerCheck() {
	}

	/** @return how many of {@code clients} are stallers still connected; their input is read and dropped */
	static long countOpen(List<HostileClient> clients, ByteBuffer scratch) {
		long open = 0;
		for (HostileClient client : clients) {
			if (client.kind == HostileClient.Kind.STALLER && client.helloSent && !client.closed && isOpen(client, scratch)) {
				open++;
			}
		}
		return open;
	}

	private static boolean isOpen(HostileClient client, ByteBuffer scratch) {
		try {
			for (int i = 0; i < MAX_READS; i++) {
				scratch.clear();
				int read = client.channel.read(scratch);
				if (read <= 0) {
					return read == 0; // nothing more for now, or the relay's close
				}
			}
			return true;
		}
		catch (IOException ex) {
			return false; // reset by the relay
		}
	}

}
