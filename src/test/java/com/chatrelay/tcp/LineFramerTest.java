package com.chatrelay.tcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.integration.ip.tcp.serializer.ByteArrayLfSerializer;

import static org.assertj.core.api.Assertions.assertThat;

/** Framing in turns: a read with more lines than a turn holds the rest, in order, across partial lines. */
class LineFramerTest {

	private final List<String> framed = new ArrayList<>();

	private final LineFramer framer = framer(4096);

	private final LineFramer.Lines lines = new LineFramer.Lines() {

		@Override
		public boolean wanted(int length) {
			return true;
		}

		@Override
		public void line(byte[] line) {
			LineFramerTest.this.framed.add(new String(line, StandardCharsets.UTF_8));
		}

		@Override
		public void tooLong() {
			LineFramerTest.this.framed.add("<too long>");
		}

	};

	@Test
	void aTurnHandsOnAtMostItsLinesAndHoldsTheRestInOrder() throws IOException {
		byte[] read = "l1\nl2\nl3\nl4\nl5\nl6\nl7\nhal".getBytes(StandardCharsets.US_ASCII);
		assertThat(this.framer.frame(read, 0, read.length, this.lines, 3)).isTrue();
		assertThat(this.framed).containsExactly("l1", "l2", "l3");
		assertThat(this.framer.holds()).isTrue();
		assertThat(this.framer.frameHeld(this.lines, 3)).isTrue();
		assertThat(this.framed).containsExactly("l1", "l2", "l3", "l4", "l5", "l6");
		assertThat(this.framer.frameHeld(this.lines, 3)).as("l7 and a partial line: nothing left to hold").isFalse();
		assertThat(this.framer.holds()).isFalse();
		byte[] next = "f\n".getBytes(StandardCharsets.US_ASCII);
		assertThat(this.framer.frame(next, 0, next.length, this.lines, 3)).isFalse();
		assertThat(this.framed).containsExactly("l1", "l2", "l3", "l4", "l5", "l6", "l7", "half");
	}

	@Test
	void linesThatAreNotWantedDoNotUseTheTurn() throws IOException {
		List<Integer> asked = new ArrayList<>();
		LineFramer.Lines everyOther = new LineFramer.Lines() {

			@Override
			public boolean wanted(int length) {
				asked.add(length);
				return asked.size() % 2 == 0;
			}

			@Override
			public void line(byte[] line) {
				LineFramerTest.this.framed.add(new String(line, StandardCharsets.UTF_8));
			}

			@Override
			public void tooLong() {
			}

		};
		byte[] read = "a\nb\nc\nd\ne\n".getBytes(StandardCharsets.US_ASCII);
		assertThat(this.framer.frame(read, 0, read.length, everyOther, 2)).isTrue();
		assertThat(this.framed).containsExactly("b", "d");
		assertThat(this.framer.frameHeld(everyOther, 2)).isFalse();
		assertThat(asked).hasSize(5);
	}

	@Test
	void aLineTooLongInHeldBytesStopsFramingAndDropsWhatWasHeld() throws IOException {
		LineFramer small = framer(8);
		byte[] read = "ok\nthis is far too long\nnever\n".getBytes(StandardCharsets.US_ASCII);
		assertThat(small.frame(read, 0, read.length, this.lines, 1)).isTrue();
		assertThat(small.frameHeld(this.lines, 1)).isFalse();
		assertThat(small.holds()).isFalse();
		assertThat(this.framed).containsExactly("ok", "<too long>");
	}

	private static LineFramer framer(int maxLineLength) {
		ByteArrayLfSerializer lf = new ByteArrayLfSerializer();
		lf.setMaxMessageSize(maxLineLength + 1);
		return new LineFramer(lf, maxLineLength);
	}

}
