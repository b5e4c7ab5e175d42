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
