package com.chatrelay.chat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class NameRulesTest {

	@ParameterizedTest
	@ValueSource(strings = { "a", "alice", "Bob_2", "x-y.z", "Zoë", "名前", "Ωμέγα", "١٢٣",
			"abcdefghijklmnopqrstuvwxyz012345" })
	void acceptsLettersDigitsAndSomePunctuation(String name) {
		assertThat(NameRules.problem(name)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "bad name", "tab\tname", "bell\u0007", "esc\u001b[31m", "semi;colon", "at@home",
			"abcdefghijklmnopqrstuvwxyz0123456", "emoji🎉", "slash/", ".", "..", "-", "_.-", "zero\u200Bwidth",
			"rtl\u202Eevil", "SERVER", "Admin", "system", "ＳＥＲＶＥＲ", "S\u0415RVER", "ＡＤＭＩＮ", "sy\u0455tem",
			// capitals of other scripts and the capital I, which case folding and skeletons treat differently
			"ΑDΜΙΝ", "ADΜIN", "SYSΤΕΜ", "SΥSTEM", "SΕRVΕR", "ꓢꓰꓣꓦꓰꓣ", "ꓮꓓꓟꓲꓠ", "ᏚᎬᎡᏙᎬᎡ", "ADMlN", "ADM1N", "adrnin",
			"ſystem", "admın", "\u3164" })
	void refusesEverythingElse(String name) {
		assertThat(NameRules.problem(name)).isNotNull();
	}

	/** Names of South and Southeast Asia, Arabic and Hebrew with their vowel marks: letters and the marks writing needs. */
	@ParameterizedTest
	@ValueSource(strings = { "राम", "हिन्दी", "தமிழ்", "অমিত", "తెలుగు", "ગુજરાતી", "สมศักดิ์", "မြန်မာ", "ខ្មែរ", "සිංහල",
			"مُحَمَّد", "שָׁלוֹם", "Nguyễn", "é", "ශ්‍රී", "क्‍ष", "می‌خواهم" })
	void acceptsEveryScriptWithItsMarks(String name) {
		assertThat(NameRules.problem(name)).isNull();
		assertThat(NameRules.problem(NameRules.normalize(name))).isNull();
	}

	@Test
	void decomposedNamesAreAcceptedAndKeptInNfc() {
		assertThat(NameRules.problem("e\u0301")).isNull();
		assertThat(NameRules.normalize("e\u0301")).isEqualTo("\u00E9");
		assertThat(NameRules.problem("Nguye\u0302\u0303n")).isNull();
		assertThat(NameRules.normalize("Nguye\u0302\u0303n")).isEqualTo("Nguy\u1EC5n");
		// a decomposed name is the same name as its precomposed form
		assertThat(NameRules.sameName("e\u0301", "\u00E9")).isTrue();
		assertThat(NameRules.sameName("Nguye\u0302\u0303n", "NGUYỄN")).isTrue();
		assertThat(NameRules.sameName("e\u0301", "e")).isFalse();
	}

	@Test
	void aMarkNeverStartsAName() {
		assertThat(NameRules.problem("\u0301e")).isEqualTo("a name may not start with a mark (U+0301)");
		assertThat(NameRules.problem("\u093Fराम")).isEqualTo("a name may not start with a mark (U+093F)");
		assertThat(NameRules.problem("_\u0301")).isEqualTo("a mark (U+0301) must follow a letter or digit");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Ａｄｍｉｎ", "ＳＥＲＶＥＲ", "S\u0415RVER", "sy\u0455tem", "ΑDΜΙΝ", "ADMlN", "ꓢꓰꓣꓦꓰꓣ" })
	void theReservedNamesAndTheirLookAlikesStayReserved(String name) {
		assertThat(NameRules.problem(name)).isEqualTo("the name " + name + " is reserved");
	}

	@Test
	void lookAlikesStayTheSameNameInEveryScript() {
		assertThat(NameRules.sameName("\u0430lice", "alice")).as("Cyrillic а").isTrue();
		assertThat(NameRules.sameName("ＡＬＩＣＥ", "alice")).isTrue();
		// the joiners show nothing: with and without them, a name is the same name
		assertThat(NameRules.sameName("ශ්\u200Dරී", "ශ්රී")).isTrue();
		assertThat(NameRules.sameName("می\u200Cخواهم", "میخواهم")).isTrue();
		assertThat(NameRules.sameName("राम", "रामा")).isFalse();
		assertThat(NameRules.sameName("राम", "रम")).isFalse();
	}

	@Test
	void lengthCountsWhatAReaderCountsNotMarks() {
		String hindi = "हिन्दी".repeat(6); // 36 code points, fewer characters on the screen
		assertThat(hindi.codePointCount(0, hindi.length())).isGreaterThan(32);
		assertThat(NameRules.problem(hindi)).isNull();
		assertThat(NameRules.problem("कि".repeat(32))).isNull();
		assertThat(NameRules.problem("कि".repeat(33))).isEqualTo("a name is at most 32 characters");
	}

	@Test
	void lengthCountsCharactersNotBytes() {
		assertThat(NameRules.problem("é".repeat(32))).isNull();
		assertThat(NameRules.problem("é".repeat(33))).isNotNull();
	}

	@Test
	void trimRemovesSpacesAndTabsButNotControlCharacters() {
		assertThat(NameRules.trim("  \talice \t")).isEqualTo("alice");
		assertThat(NameRules.trim("\u0001alice")).isEqualTo("\u0001alice");
	}

	@Test
	void keysAreCaseInsensitive() {
		assertThat(NameRules.key("AlIcE")).isEqualTo(NameRules.key("alice"));
	}

	@Test
	void fullWidthAndMixedScriptLookAlikesHaveTheSameKey() {
		String latin = NameRules.key("Alice");
		assertThat(NameRules.key("Ａｌｉｃｅ")).isEqualTo(latin);
		assertThat(NameRules.key("\u0410lice")).as("Cyrillic A").isEqualTo(latin);
		assertThat(NameRules.key("ALICE")).isEqualTo(latin);
		assertThat(NameRules.key("a\u217Cice")).as("Roman numeral fifty for l").isEqualTo(latin);
		assertThat(NameRules.key("bob")).isNotEqualTo(latin);
	}

	@ParameterizedTest
	@ValueSource(strings = { "aIice", "ALICΕ", "ꓮꓡꓲꓚꓰ", "ᎪᏞᎥᏟᎬ", "ＡＬＩＣＥ", "\u0410lice", "AlIcE" })
	void lookAlikesOfANameAreThatName(String lookAlike) {
		assertThat(NameRules.sameName(lookAlike, "alice")).isTrue();
		assertThat(NameRules.sameName("alice", lookAlike)).isTrue();
	}

	@Test
	void differentNamesStayDifferent() {
		assertThat(NameRules.sameName("alice", "bob")).isFalse();
		assertThat(NameRules.sameName("ali", "all")).isFalse();
		assertThat(NameRules.sameName("straße", "strasse")).isTrue();
	}

}
