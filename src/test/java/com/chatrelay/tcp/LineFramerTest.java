package com.chatrelay.tcp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import org.springframework.integration.ip.tcp.serializer.ByteArrayLfSerializer;

import static org.assertj.core.api.Assertions.assertThat;

/** What the framer promises: whole lines in order, partial lines kept, CR dropped, the limit, admission, turns. */
class LineFramerTest {

	private final List<String> framed = new ArrayList<>();

	private final LineFramer framer = framer(4096);

	private final Recorder lines = new Recorder(() -> true);

	@Test
	void linesComeOutWithoutTheirLfInOrder() {
		frame(this.framer, "alice\nhello\n\nbye\n", this.lines);
		assertThat(this.framed).containsExactly("alice", "hello", "", "bye");
		assertThat(this.framer.pending()).isZero();
	}

	@Test
	void aCrJustBeforeTheLfIsDroppedAndNoOtherCr() {
		frame(this.framer, "telnet\r\nmid\rdle\n\r\r\n", this.lines);
		assertThat(this.framed).containsExactly("telnet", "mid\rdle", "\r");
	}

	@Test
	void aPartialLineIsKeptUntilItsLfArrivesAcrossManyReads() {
		frame(this.framer, "hel", this.lines);
		assertThat(this.framed).isEmpty();
		assertThat(this.framer.pending()).isEqualTo(3);
		frame(this.framer, "lo wo", this.lines);
		assertThat(this.framer.pending()).isEqualTo(8);
		frame(this.framer, "rld\r", this.lines);
		frame(this.framer, "\nnext", this.lines);
		assertThat(this.framed).containsExactly("hello world");
		assertThat(this.framer.pending()).isEqualTo(4);
	}

	@Test
	void aLineOfExactlyTheLimitPassesAndOneByteMoreIsTooLong() {
		LineFramer small = framer(8);
		frame(small, "12345678\n", this.lines);
		assertThat(this.framed).containsExactly("12345678");
		frame(small, "123456789\nnever\n", this.lines);
		assertThat(this.framed).containsExactly("12345678", "<too long>");
	}

	@Test
	void aLineTooLongIsReportedBeforeItsEndArrivesAndNothingMoreIsFramed() {
		LineFramer small = framer(8);
		frame(small, "12345", this.lines);
		frame(small, "6789", this.lines);
		assertThat(this.framed).containsExactly("<too long>");
		assertThat(small.pending()).as("nothing of it is kept").isZero();
		frame(small, "ok\n", this.lines);
		assertThat(this.framed).containsExactly("<too long>");
	}

	@Test
	void refusedLinesAreMeasuredWithTheirLfAndNeverCut() {
		Recorder refusing = new Recorder(() -> false);
		frame(this.framer, "one\ntwo", refusing);
		assertThat(this.framed).isEmpty();
		assertThat(refusing.refused).containsExactly(4);
		frame(this.framer, "o\r\n", refusing);
		assertThat(refusing.refused).as("a line kept across reads counts whole").containsExactly(4, 6);
	}

	@Test
	void aLineRefusedOnceCanBeAdmittedWhenItsRestArrives() {
		Recorder refusing = new Recorder(() -> false);
		frame(this.framer, "par", refusing);
		frame(this.framer, "tial\n", this.lines);
		assertThat(this.framed).containsExactly("partial");
		assertThat(refusing.refused).isEmpty();
	}

	@Test
	void aRefusedLineStillRespectsTheLimit() {
		LineFramer small = framer(8);
		frame(small, "123456789", new Recorder(() -> false));
		assertThat(this.framed).containsExactly("<too long>");
	}

	@Test
	void aTurnHandsOnAtMostItsLinesAndHoldsTheRestInOrder() {
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
	void refusedLinesDoNotUseTheTurn() {
		int[] asked = new int[1];
		Recorder everyOther = new Recorder(() -> ++asked[0] % 2 == 0);
		byte[] read = "a\nb\nc\nd\ne\n".getBytes(StandardCharsets.US_ASCII);
		assertThat(this.framer.frame(read, 0, read.length, everyOther, 2)).isTrue();
		assertThat(this.framed).containsExactly("b", "d");
		assertThat(this.framer.frameHeld(everyOther, 2)).isFalse();
		assertThat(asked[0]).isEqualTo(5);
		assertThat(everyOther.refused).containsExactly(2, 2, 2);
	}

	@Test
	void aLineTooLongInHeldBytesStopsFramingAndDropsWhatWasHeld() {
		LineFramer small = framer(8);
		byte[] read = "ok\nthis is far too long\nnever\n".getBytes(StandardCharsets.US_ASCII);
		assertThat(small.frame(read, 0, read.length, this.lines, 1)).isTrue();
		assertThat(small.frameHeld(this.lines, 1)).isFalse();
		assertThat(small.holds()).isFalse();
		assertThat(this.framed).containsExactly("ok", "<too long>");
	}

	@Test
	void framesAnOffsetRangeOfABiggerBuffer() {
		byte[] buffer = "xxxin range\nyyy".getBytes(StandardCharsets.US_ASCII);
		this.framer.frame(buffer, 3, 9, this.lines);
		assertThat(this.framed).containsExactly("in range");
		assertThat(this.framer.pending()).isZero();
	}

	private void frame(LineFramer framer, String read, LineFramer.Lines to) {
		byte[] bytes = read.getBytes(StandardCharsets.UTF_8);
		framer.frame(bytes, 0, bytes.length, to);
	}

	@Test
	void aLineDribbledInOneBytePiecesIsCutOnceWhenItsLfArrives() {
		AtomicInteger cuts = new AtomicInteger();
		ByteArrayLfSerializer lf = new ByteArrayLfSerializer();
		lf.setMaxMessageSize(1 << 20);
		LineFramer dribbled = new LineFramer((in) -> {
			cuts.incrementAndGet();
			return lf.deserialize(in);
		}, (1 << 20) - 1);
		String line = "x".repeat(50_000);
		for (char c : line.toCharArray()) {
			frame(dribbled, String.valueOf(c), this.lines);
		}
		assertThat(cuts).as("the deserializer (and its 1 MiB buffer) is not used for a partial line").hasValue(0);
		assertThat(dribbled.pending()).isEqualTo(50_000);
		frame(dribbled, "\n", this.lines);
		assertThat(cuts).hasValue(1);
		assertThat(this.framed).containsExactly(line);
	}

	private static LineFramer framer(int maxLineLength) {
		ByteArrayLfSerializer lf = new ByteArrayLfSerializer();
		lf.setMaxMessageSize(maxLineLength + 1);
		return new LineFramer(lf, maxLineLength);
	}

	private final class Recorder implements LineFramer.Lines {

		private final BooleanSupplier admits;

		private final List<Integer> refused = new ArrayList<>();

		Recorder(BooleanSupplier admits) {
			this.admits = admits;
		}

		@Override
		public boolean admits() {
			return this.admits.getAsBoolean();
		}

		@Override
		public void refused(int length) {
			this.refused.add(length);
		}

		@Override
		public void line(byte[] line) {
			LineFramerTest.this.framed.add(new String(line, StandardCharsets.UTF_8));
		}

		@Override
		public void tooLong() {
			LineFramerTest.this.framed.add("<too long>");
		}

	}

}
