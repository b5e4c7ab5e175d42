package com.chatrelay.chat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextSanitizerTest {

	@Test
	void leavesOrdinaryTextAlone() {
		String text = "héllo\twörld ✓ 日本語 🎉";
		assertThat(TextSanitizer.sanitize(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(text);
	}

	@Test
	void replacesInvalidUtf8() {
		byte[] bytes = { 'a', (byte) 0xFF, 'b', (byte) 0xE2, (byte) 0x82, 'c' };
		assertThat(TextSanitizer.sanitize(bytes)).isEqualTo("a\uFFFDb\uFFFDc");
	}

	@Test
	void removesC0ButTabDelAndC1() {
		assertThat(TextSanitizer.removeControls("a\u0000b\u0007c\u001bd\te\u007ff\u0080g\u009bh\u00a0i"))
			.isEqualTo("abcd\tefgh\u00a0i");
	}

	@Test
	void removesBidiOverridesIsolatesZeroWidthAndLineSeparators() {
		String disguised = "a\u202Eb\u2066c\u2069d\u200Be\u200Df\uFEFFg\u2028h\u2029i\uDB40\uDC01j";
		assertThat(TextSanitizer.removeControls(disguised)).isEqualTo("abcdefghij");
	}

	@Test
	void blankMeansNothingVisible() {
		for (String blank : new String[] { "", " \t", "\u00a0\u2007\u3000", "\u3164", "\u2800", "\u115f\u200b" }) {
			assertThat(TextSanitizer.isBlank(blank)).as("U+%04X...", blank.isEmpty() ? 0 : (int) blank.charAt(0)).isTrue();
		}
		assertThat(TextSanitizer.isBlank(" a ")).isFalse();
		assertThat(TextSanitizer.isBlank("\u00a0.")).isFalse();
	}

	@Test
	void aLoneSurrogateBecomesAReplacementCharacter() {
		assertThat(TextSanitizer.clean("a\ud800b\udc00")).isEqualTo("a\ufffdb\ufffd");
		assertThat(TextSanitizer.clean("\ud83c\udf89")).isEqualTo("\ud83c\udf89");
	}

}
