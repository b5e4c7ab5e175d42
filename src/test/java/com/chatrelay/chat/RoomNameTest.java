package com.chatrelay.chat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Room names: what is one, and when two are the same room (SPEC §9). */
class RoomNameTest {

	@ParameterizedTest
	@ValueSource(strings = { "#ops", "#ci-bot_2.0", "#Ops", "#7", "#日本語", "#café", "#abcdefghijklmnopqrstuvwxyz012345" })
	void validNamesParse(String typed) {
		RoomName name = RoomName.parse(typed);
		assertThat(name).isNotNull();
		assertThat(name.toString()).isEqualTo(typed);
		assertThat(name.text()).isEqualTo(typed.substring(1));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "#", "ops", "##ops", "#a b", "#a!", "#___", "#-.", "#abcdefghijklmnopqrstuvwxyz0123456",
			"#a\u0007b", "#a\u200Bb", "#\u0301a", "# ops", "#ops " })
	void invalidNamesDoNot(String typed) {
		assertThat(RoomName.parse(typed)).isNull();
	}

	@Test
	void keptInNfcAsSpelled() {
		RoomName decomposed = RoomFixture.name("#Cafe\u0301");
		assertThat(decomposed.text()).isEqualTo("Caf\u00e9");
		assertThat(decomposed.toString()).isEqualTo("#Caf\u00e9");
	}

	@ParameterizedTest
	@ValueSource(strings = { "#OPS", "#Ops", "#\uFF4F\uFF50\uFF53", "#\u043Eps", "#o\u0440s" })
	void caseFullWidthAndConfusablesAreTheSameName(String typed) {
		RoomName ops = RoomFixture.name("#ops");
		RoomName other = RoomFixture.name(typed);
		assertThat(other.sameAs(ops)).isTrue();
		assertThat(other).isEqualTo(ops).hasSameHashCodeAs(ops);
	}

	@Test
	void capitalIAndSmallLMeetInOneOfTheKeys() {
		assertThat(RoomFixture.name("#aIice").sameAs(RoomFixture.name("#alice"))).isTrue();
	}

	@Test
	void differentNamesAreDifferent() {
		assertThat(RoomFixture.name("#ops").sameAs(RoomFixture.name("#dev"))).isFalse();
		assertThat(RoomFixture.name("#ops")).isNotEqualTo(RoomFixture.name("#ops2"));
	}

	@Test
	void aBareNameIsTheConfigurationsAndTheApisForm() {
		assertThat(RoomName.ofBare("lobby")).hasToString("#lobby");
		assertThat(RoomName.ofBare("#lobby")).isNull();
		assertThat(RoomName.problem("a b")).contains("spaces");
	}

	@Test
	void settingsRefuseABadDefaultRoomAndLimitsBelowOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RoomSettings("bad name", 10, 10))
			.withMessageContaining("chat.rooms.default");
		assertThatIllegalArgumentException().isThrownBy(() -> new RoomSettings("lobby", 0, 10))
			.withMessageContaining("max-rooms");
		assertThatIllegalArgumentException().isThrownBy(() -> new RoomSettings("lobby", 10, 0))
			.withMessageContaining("max-per-user");
		assertThat(RoomSettings.defaults()).isEqualTo(new RoomSettings("lobby", 10_000, 20));
	}

}
