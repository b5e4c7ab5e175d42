package com.chatrelay.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client trusts no server: against a real socket that sends escape sequences, what it prints
 * (piped here; {@link TerminalClientTest} does it on a terminal) holds none of them.
 */
class ChatClientHostileServerTest {

	/** Every kind of character the relay removes from chat text, once each, between plain words. */
	static final byte[] HOSTILE = bytes("clear\u001b[2J title\u001b]0;pwned-title\u0007 report\u001b[6n"
			+ " c1\u009b31m bidi\u202eevil\u202c zero\u200bwidth bom\ufeff lines\u2028and\u2029paras"
			+ " bell\u0007 nul\u0000 del\u007f tab\tkept end\n");

	@Test
	void printsNoEscapeControlOrFormatCharacterItWasSent() throws Exception {
		byte[] invalidUtf8 = { 'b', 'a', 'd', (byte) 0xff, (byte) 0xc3, ' ', 'u', 't', 'f', '8', '\r', '\n' };
		try (HostileServer server = new HostileServer(HOSTILE, invalidUtf8, bytes("[SERVER] bye\r\n"))) {
			ByteArrayOutputStream screen = new ByteArrayOutputStream();
			PrintStream out = new PrintStream(screen, true, StandardCharsets.UTF_8);
			String[] args = { "127.0.0.1", String.valueOf(server.port()) };
			// the input ends at once: the client half-closes, then prints what the server sent until it gives up
			int code = ChatClient.run(args, new ByteArrayInputStream(bytes("mallory\n")), out, out, Duration.ofSeconds(1));
			assertThat(code).isZero();
			String printed = screen.toString(StandardCharsets.UTF_8);
			assertThat(printed).contains("clear[2J title]0;pwned-title report[6n c131m bidievil zerowidth bom"
					+ " linesandparas bell nul del tab\tkept end", "bad\ufffd\ufffd utf8", "[SERVER] bye");
			printed.codePoints().forEach((codePoint) -> assertThat(allowed(codePoint))
				.as("U+%04X in the client's output", codePoint).isTrue());
			assertThat(server.received()).containsExactly("mallory");
		}
	}

	/** What a line printed by the client may hold: no C0 but TAB and the line ends, no DEL or C1, no Cf, no U+2028/9. */
	static boolean allowed(int codePoint) {
		if (codePoint == '\t' || codePoint == '\n') {
			return true;
		}
		int type = Character.getType(codePoint);
		return codePoint >= 0x20 && !(codePoint >= 0x7f && codePoint <= 0x9f) && type != Character.FORMAT
				&& type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR;
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
