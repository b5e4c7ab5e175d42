package com.chatrelay.chat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The character rule of names says what is wrong, for user names and room names alike. */
class NameSyntaxTest {

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			bad name         | a name may not contain spaces
			"ideo\u3000space"  | a name may not contain spaces
			"nb\u00A0sp"       | a name may not contain spaces
			"bell\u0007"       | a name may not contain control characters
			"esc\u001b[31m"    | a name may not contain control characters
			"zero\u200Bwidth"  | a name may only contain visible characters, not U+200B
			"rtl\u202Eevil"    | a name may only contain visible characters, not U+202E
			"\u3164"           | a name may only contain visible characters, not U+3164
			"\u0301e"          | a name may not start with a mark (U+0301)
			"x-\u0301"         | a mark (U+0301) must follow a letter or digit
			"a\u0301\u0302\u0303\u0304\u0306" | a name may have at most 4 marks on one character
			"a\u200Db"         | a zero-width joiner (U+200D) is only allowed in a name after a virama
			"a\u200Cb"         | a zero-width non-joiner (U+200C) is only allowed in a name after a virama or between two joining letters
			semi;colon       | ';' (U+003B) is not allowed in a name; use letters, digits, '_', '-' and '.'
			emoji🎉          | '🎉' (U+1F389) is not allowed in a name; use letters, digits, '_', '-' and '.'
			"\u203Fx"          | a name may not start with '‿' (U+203F)
			..               | a name needs at least one letter or digit
			abcdefghijklmnopqrstuvwxyz0123456 | a name is at most 32 characters
			"admi\u0307n"      | a name may not put a dot above (U+0307) on 'i' (U+0069): it looks like i
			"adm\u0131\u0307n" | a name may not put a dot above (U+0307) on 'ı' (U+0131): it looks like i
			"ali\u0323\u0307ce" | a name may not put a dot above (U+0307) on 'i' (U+0069): it looks like i
			"jose\u0301\u0301" | a name may not repeat a mark (U+0301) on one character
			""")
	void saysWhatIsWrong(String name, String problem) {
		assertThat(NameSyntax.USER_NAMES.problem(name)).isEqualTo(problem);
	}

	@Test
	void oneCharacterCannotHideAKilobyte() {
		// one grapheme cluster each: leading jamo before a vowel (NFC makes the last two one syllable), a chain of conjuncts
		String jamo = "\u1100".repeat(1364) + "\u1161";
		String conjuncts = "क्".repeat(300) + "क";
		for (String name : new String[] { jamo, conjuncts, "\u1100".repeat(65) + "\u1161" }) {
			assertThat(NameSyntax.USER_NAMES.problem(name))
				.isEqualTo("a name is at most 32 characters (64 letters, digits and marks together)");
		}
		assertThat(NameSyntax.USER_NAMES.problem("हिन्दी".repeat(5))).as("a long Hindi name: 20 characters, 30 code points").isNull();
		assertThat(NameSyntax.USER_NAMES.problem("İstanbul")).as("a capital I takes its dot").isNull();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			ops               |
			राम-टीम           |
			e\u0301quipe       |
			two words         | a room name may not contain spaces
			\u0301ops          | a room name may not start with a mark (U+0301)
			""")
	void roomNamesFollowTheSameRule(String room, String problem) {
		assertThat(NameSyntax.ROOM_NAMES.problem(room)).isEqualTo(problem);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			1st    |
			_bot   |
			x.y-z  |
			١٢٣    |
			Ⅻ      |
			""")
	void digitsAndTheThreeSignsMayStartAName(String name, String problem) {
		assertThat(NameSyntax.USER_NAMES.problem(name)).isEqualTo(problem);
	}

}
