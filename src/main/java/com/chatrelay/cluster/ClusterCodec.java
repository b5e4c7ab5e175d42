package com.chatrelay.cluster;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch of events as one pub/sub message: a version byte, the sender (replica id and
 * incarnation), then the events, each a type and length-prefixed fields. Binary, so a chat line
 * travels as its bytes, without JSON escaping.
 */
final class ClusterCodec {

	private static final int VERSION = 1;

	private ClusterCodec() {
	}

	/** @param replicaId who sends @param incarnation which start of that replica */
	record Batch(String replicaId, String incarnation, List<ClusterEvent> events) {
	}

	static byte[] encode(String replicaId, String incarnation, List<ClusterEvent> events) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + 128 * events.size());
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeByte(VERSION);
			writeText(out, replicaId);
			writeText(out, incarnation);
			out.writeInt(events.size());
			for (ClusterEvent event : events) {
				out.writeByte(event.type().ordinal());
				writeText(out, event.to());
				writeBytes(out, event.line());
				writeText(out, event.text());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex); // a byte array does not fail
		}
		return bytes.toByteArray();
	}

	/** @throws IllegalArgumentException when it is not a batch of this version (another publisher on the channel) */
	static Batch decode(byte[] message) {
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(message))) {
			if (in.readByte() != VERSION) {
				throw new IllegalArgumentException("not a chat-relay batch of version " + VERSION);
			}
			String replicaId = readText(in);
			String incarnation = readText(in);
			int count = in.readInt();
			if (count < 0 || count > message.length) {
				throw new IllegalArgumentException("bad event count " + count);
			}
			List<ClusterEvent> events = new ArrayList<>(count);
			ClusterEvent.Type[] types = ClusterEvent.Type.values();
			for (int i = 0; i < count; i++) {
				int type = in.readUnsignedByte();
				if (type >= types.length) {
					throw new IllegalArgumentException("unknown event type " + type);
				}
				events.add(new ClusterEvent(types[type], readText(in), readBytes(in), readText(in)));
			}
			return new Batch(replicaId, incarnation, events);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("truncated batch", ex);
		}
	}

	private static void writeText(DataOutputStream out, String text) throws IOException {
		writeBytes(out, (text != null) ? text.getBytes(StandardCharsets.UTF_8) : null);
	}

	private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
		if (bytes == null) {
			out.writeInt(-1);
			return;
		}
		out.writeInt(bytes.length);
		out.write(bytes);
	}

	private static String readText(DataInputStream in) throws IOException {
		byte[] bytes = readBytes(in);
		return (bytes != null) ? new String(bytes, StandardCharsets.UTF_8) : null;
	}

	private static byte[] readBytes(DataInputStream in) throws IOException {
		int length = in.readInt();
		if (length < 0) {
			return null;
		}
		if (length > in.available()) {
			throw new IllegalArgumentException("field longer than the message");
		}
		byte[] bytes = new byte[length];
		in.readFully(bytes);
		return bytes;
	}

}
