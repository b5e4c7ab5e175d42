package com.chatrelay.tcp;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/** PROXY protocol headers as a load balancer writes them (haproxy.org's proxy-protocol.txt), built by hand. */
final class ProxyHeaders {

	/** The 12 bytes that start every v2 header. */
	static final byte[] V2_SIGNATURE = { 0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A };

	private ProxyHeaders() {
	}

	/** {@code PROXY TCP4 <client> 127.0.0.1 <port> 5555\r\n} (TCP6 for an IPv6 client). */
	static byte[] v1(String clientHost, int clientPort) {
		String family = clientHost.contains(":") ? "TCP6" : "TCP4";
		String destination = clientHost.contains(":") ? "::1" : "127.0.0.1";
		return ("PROXY " + family + " " + clientHost + " " + destination + " " + clientPort + " 5555\r\n")
			.getBytes(StandardCharsets.US_ASCII);
	}

	/** A v2 PROXY header for a TCP client, with {@code tlvBytes} bytes of one TLV after the addresses (0 for none). */
	static byte[] v2(String clientHost, int clientPort, int tlvBytes) {
		byte[] source = literal(clientHost);
		byte[] destination = (source.length == 4) ? new byte[] { 127, 0, 0, 1 } : literal("::1");
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(source);
		body.writeBytes(destination);
		writeShort(body, clientPort);
		writeShort(body, 5555);
		if (tlvBytes > 0) {
			body.write(0xEA); // PP2_TYPE_AWS, as an NLB sends it
			writeShort(body, tlvBytes - 3);
			body.writeBytes(new byte[tlvBytes - 3]);
		}
		return v2(0x21, (source.length == 4) ? 0x11 : 0x21, body.toByteArray());
	}

	/** A v2 LOCAL header, as a proxy's health check sends it: no addresses. */
	static byte[] v2Local() {
		return v2(0x20, 0x00, new byte[0]);
	}

	static byte[] v2(int versionAndCommand, int familyAndProtocol, byte[] body) {
		ByteArrayOutputStream header = new ByteArrayOutputStream();
		header.writeBytes(V2_SIGNATURE);
		header.write(versionAndCommand);
		header.write(familyAndProtocol);
		writeShort(header, body.length);
		header.writeBytes(body);
		return header.toByteArray();
	}

	static byte[] concat(byte[] first, byte[] second) {
		byte[] both = new byte[first.length + second.length];
		System.arraycopy(first, 0, both, 0, first.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

	private static void writeShort(ByteArrayOutputStream out, int value) {
		out.write((value >> 8) & 0xFF);
		out.write(value & 0xFF);
	}

	private static byte[] literal(String host) {
		try {
			return InetAddress.getByName(host.contains(":") ? "[" + host + "]" : host).getAddress();
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException(host, ex);
		}
	}

}
