package com.chatrelay.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How the client splits and cleans what a server sends. */
class ServerLinesTest {

	@Test
	void splitsAtLfDropsTheCrBeforeItAndRemovesEveryOtherCr() throws IOException {
		ServerLines lines = lines("one\r\ntwo\nover\rwrite\n\nlast without LF");
		assertThat(lines.next()).isEqualTo("one");
		assertThat(lines.next()).isEqualTo("two");
		assertThat(lines.next()).isEqualTo("overwrite"); // a lone CR could overwrite what the line shows
		assertThat(lines.next()).isEmpty();
		assertThat(lines.next()).isEqualTo("last without LF");
		assertThat(lines.next()).isNull();
	}

	@Test
	void aServerCannotGrowTheClientsMemoryWithOneEndlessLine() throws IOException {
		String endless = "x".repeat(ServerLines.MAX_LINE_BYTES * 2 + 5) + "\n";
		ServerLines lines = lines(endless);
		assertThat(lines.next()).hasSize(ServerLines.MAX_LINE_BYTES);
		assertThat(lines.next()).hasSize(ServerLines.MAX_LINE_BYTES);
		assertThat(lines.next()).isEqualTo("xxxxx");
		assertThat(lines.next()).isNull();
	}

	private static ServerLines lines(String text) {
		return new ServerLines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
	}

}
