package com.chatrelay.admin.console;

import java.util.List;

import com.chatrelay.chat.ChatServer;
import com.chatrelay.support.ConsoleTestBase;
import com.chatrelay.support.TestClient;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console's rooms (SPEC §9) in a real headless Chromium, with real chat users on TCP: a room
 * appears with its members as users join it, and closing it with a reason tells each member; the
 * default room has no close button. Shares ConsoleBrowserTest's context (ConsoleTestBase).
 */
class ConsoleRoomsBrowserTest extends ConsoleTestBase {

	@Autowired
	private ChatServer server;

	@Test
	void aRoomAppearsWithItsMembersAndIsClosedWithAReason() throws Exception {
		openDesktop(1280, 900);
		logIn(PASSWORD);
		awaitLive();
		try (TestClient alice = login("alice"); TestClient bob = login("bob"); TestClient carol = login("carol")) {
			live().untilAsserted(() -> assertThat(roomRows()).containsExactly("#lobby 3"));
			assertThat(this.driver.findElements(By.cssSelector("button[aria-label='Close #lobby']")))
				.as("the default room cannot be closed").isEmpty();
			alice.send("/join #ops");
			alice.awaitLine("[SERVER] you joined #ops (1 members)");
			bob.send("/join #Ops");
			bob.awaitLine("[SERVER] you joined #ops (2 members)");
			live().untilAsserted(() -> {
				assertThat(roomRows()).containsExactly("#lobby 3", "#ops 2");
				assertThat(text("rooms-count")).isEqualTo("(2)");
			});
			this.driver.findElement(By.cssSelector("button[aria-label='Close #ops']")).click();
			WebElement reason = this.driver.findElement(By.id("close-room-reason"));
			await().atMost(LIVE).until(reason::isDisplayed);
			reason.sendKeys("moved to #deploy", Keys.ENTER);
			alice.awaitLine("[SERVER] #ops was closed by an administrator: moved to #deploy");
			bob.awaitLine("[SERVER] #ops was closed by an administrator: moved to #deploy");
			live().untilAsserted(() -> {
				assertThat(roomRows()).containsExactly("#lobby 3");
				assertThat(text("message")).isEqualTo("Closed #ops.");
				assertThat(rows("audit-body")).first().asString().contains("operator", "close_room", "#ops", "moved to #deploy");
			});
			assertThat(this.server.room("ops")).isEmpty();
			alice.send("back in the lobby"); // her active room is the lobby again
			carol.awaitLine("[alice] back in the lobby");
		}
	}

	/** Each row of the rooms table as {@code name members}. */
	private List<String> roomRows() {
		return this.driver.findElements(By.cssSelector("#rooms-body tr")).stream()
			.map((row) -> row.getDomAttribute("data-name") + " " + row.findElements(By.tagName("td")).get(1).getText())
			.toList();
	}

}
