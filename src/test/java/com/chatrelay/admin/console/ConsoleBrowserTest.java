package com.chatrelay.admin.console;

import java.util.List;

import com.chatrelay.chat.Ban;
import com.chatrelay.chat.ChatServer;
import com.chatrelay.support.ConsoleTestBase;
import com.chatrelay.support.TestClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The admin console in a real headless Chromium against the running relay, with real chat users on
 * TCP: log in, watch users arrive, kick, ban, unban, announce; the page never reloads and never
 * breaks its Content-Security-Policy.
 */
class ConsoleBrowserTest extends ConsoleTestBase {

	@Autowired
	private ChatServer server;

	@Autowired
	private MeterRegistry registry;

	@Test
	void aWrongPasswordIsRefusedAndCounted() throws Exception {
		openDesktop(1280, 900);
		double failuresBefore = this.registry.get("chat.admin.auth.failures").counter().count();
		logIn("not-the-password");
		await().atMost(LIVE).until(() -> this.driver.getCurrentUrl().endsWith("/admin/login?error"));
		assertThat(this.driver.findElement(By.id("login-error")).getText()).isEqualTo("Wrong user name or password.");
		assertThat(this.registry.get("chat.admin.auth.failures").counter().count()).isEqualTo(failuresBefore + 1);
		this.driver.get(url("/admin"));
		assertThat(this.driver.getCurrentUrl()).as("still not let in").endsWith("/admin/login");
		assertThat(this.driver.findElements(By.id("users-body"))).isEmpty();
	}

	@Test
	void twoChatUsersAppearWithoutAReload() throws Exception {
		openDesktop(1280, 900);
		logIn(PASSWORD);
		awaitLive();
		assertThat(userNames()).isEmpty();
		((JavascriptExecutor) this.driver).executeScript("window.sameDocument = 'yes';");
		try (TestClient alice = login("alice"); TestClient bob = login("bob")) {
			live().untilAsserted(() -> {
				assertThat(userNames()).containsExactly("alice", "bob");
				assertThat(text("stat-users")).isEqualTo("2");
			});
			WebElement row = userRow("alice");
			assertThat(row.findElements(By.tagName("td")).get(1).getText()).startsWith("127.0.0.1:");
			assertThat(((JavascriptExecutor) this.driver).executeScript("return window.sameDocument;"))
				.as("the page was updated in place, not reloaded").isEqualTo("yes");
			this.driver.findElement(By.id("filter")).sendKeys("bo");
			live().untilAsserted(() -> assertThat(userNames()).containsExactly("bob"));
			assertThat(text("page-info")).isEqualTo("1–1 of 1 (filtered from 2)");
		}
		live().untilAsserted(() -> assertThat(userNames()).isEmpty());
		this.driver.findElement(By.cssSelector("form.logout button")).click();
		await().atMost(LIVE).until(() -> this.driver.getCurrentUrl().endsWith("/admin/login?logout"));
		this.driver.get(url("/admin"));
		assertThat(this.driver.getCurrentUrl()).as("logged out").endsWith("/admin/login");
	}

	@Test
	void kickingAUserTellsThemAndTheOthers() throws Exception {
		openDesktop(1280, 900);
		logIn(PASSWORD);
		awaitLive();
		try (TestClient alice = login("alice"); TestClient bob = login("bob")) {
			live().untilAsserted(() -> assertThat(userNames()).contains("alice", "bob"));
			this.driver.findElement(By.cssSelector("button[aria-label='Kick alice']")).click();
			WebElement reason = this.driver.findElement(By.id("kick-reason"));
			await().atMost(LIVE).until(reason::isDisplayed);
			reason.sendKeys("spamming", Keys.ENTER);
			alice.awaitLine("[SERVER] you were disconnected by an administrator: spamming");
			alice.awaitClosed();
			bob.awaitLine("[SERVER] alice left the chat (kicked: spamming)");
			live().untilAsserted(() -> {
				assertThat(userNames()).containsExactly("bob");
				assertThat(text("message")).isEqualTo("Kicked alice.");
				assertThat(rows("disconnects-body")).first().asString().contains("alice", "127.0.0.1", "kicked: spamming");
				assertThat(rows("audit-body")).first().asString().contains("operator", "kick", "alice", "spamming");
			});
		}
	}

	@Test
	void banningANameAndAnAddressThenUnbanning() throws Exception {
		openDesktop(1280, 900);
		logIn(PASSWORD);
		awaitLive();
		try (TestClient alice = login("alice"); TestClient bob = login("bob")) {
			live().untilAsserted(() -> assertThat(userNames()).contains("alice", "bob"));
			// bob's name, from his row, for the dialog's default hour
			this.driver.findElement(By.cssSelector("button[aria-label='Ban bob']")).click();
			WebElement reason = this.driver.findElement(By.id("user-ban-reason"));
			await().atMost(LIVE).until(reason::isDisplayed);
			reason.sendKeys("trolling", Keys.ENTER);
			bob.awaitLine("[SERVER] you are banned: trolling");
			bob.awaitClosed();
			live().untilAsserted(() -> assertThat(rows("bans-body"))
				.singleElement().asString().contains("name bob", "trolling"));
			// then the address everyone here comes from, with the form
			this.driver.findElement(By.id("ban-target")).sendKeys("127.0.0.1");
			this.driver.findElement(By.id("ban-reason")).sendKeys("flood");
			this.driver.findElement(By.cssSelector("#ban-form button[type='submit']")).click();
			alice.awaitLine("[SERVER] you are banned: flood");
			alice.awaitClosed();
			live().untilAsserted(() -> {
				assertThat(rows("bans-body")).hasSize(2);
				assertThat(rows("bans-body")).last().asString().contains("address 127.0.0.1", "flood", "permanent");
				assertThat(text("bans-count")).isEqualTo("(2)");
			});
			try (TestClient refused = connect()) {
				refused.expectLine("[SERVER] error: you are banned: flood");
				refused.expectClosed();
			}
			this.driver.findElement(By.cssSelector("button[aria-label='Unban address 127.0.0.1']")).click();
			live().untilAsserted(() -> {
				assertThat(rows("bans-body")).singleElement().asString().contains("name bob");
				assertThat(rows("audit-body")).first().asString().contains("unban", "127.0.0.1");
			});
			try (TestClient carol = login("carol")) {
				assertThat(this.server.bans().active()).extracting(Ban::name).containsExactly("bob");
			}
		}
	}

	@Test
	void anAnnouncementReachesEveryChatUser() throws Exception {
		openDesktop(1280, 900);
		logIn(PASSWORD);
		awaitLive();
		try (TestClient alice = login("alice"); TestClient bob = login("bob")) {
			String text = "<b>restart</b> at noon";
			this.driver.findElement(By.id("announce-text")).sendKeys(text);
			this.driver.findElement(By.cssSelector("#announce-form button[type='submit']")).click();
			alice.awaitLine("[SERVER] " + text);
			bob.awaitLine("[SERVER] " + text);
			live().untilAsserted(() -> {
				assertThat(text("message")).isEqualTo("Announced to every user.");
				assertThat(this.driver.findElement(By.id("announce-text")).getAttribute("value")).isEmpty();
				List<String> cells = this.driver.findElements(By.cssSelector("#audit-body tr:first-child td")).stream()
					.map(WebElement::getText)
					.toList();
				assertThat(cells).hasSizeGreaterThan(4);
				assertThat(cells.get(2)).isEqualTo("announce");
				assertThat(cells.get(4)).as("shown as text, not markup").isEqualTo(text);
			});
		}
	}

	@Test
	void onAPhoneNothingScrollsSidewaysAndTheActionsAreThere() throws Exception {
		openPhone(375, 812);
		logIn(PASSWORD);
		awaitLive();
		try (TestClient alice = login("alice")) {
			live().untilAsserted(() -> assertThat(userNames()).containsExactly("alice"));
			JavascriptExecutor js = this.driver;
			long viewport = (Long) js.executeScript("return window.innerWidth;");
			assertThat(viewport).isEqualTo(375);
			assertThat((Long) js.executeScript("return document.documentElement.scrollWidth;")).isLessThanOrEqualTo(viewport);
			WebElement kick = this.driver.findElement(By.cssSelector("button[aria-label='Kick alice']"));
			assertThat(kick.isDisplayed()).isTrue();
			assertThat(kick.getRect().getX() + kick.getRect().getWidth()).isLessThanOrEqualTo((int) viewport);
			// the row's ban, for the address this time (without its port)
			this.driver.findElement(By.cssSelector("button[aria-label='Ban alice']")).click();
			WebElement address = this.driver.findElement(By.cssSelector("input[name='user-ban-kind'][value='address']"));
			await().atMost(LIVE).until(address::isDisplayed);
			assertThat(text("user-ban-address")).isEqualTo("127.0.0.1");
			address.click();
			this.driver.findElement(By.id("user-ban-reason")).sendKeys("phone test", Keys.ENTER);
			alice.awaitLine("[SERVER] you are banned: phone test");
			assertThat(this.server.bans().active()).extracting(Ban::address).containsExactly("127.0.0.1");
			// with rows in the bans, audit and disconnects tables, whose hidden headers once widened the page
			live().until(() -> !this.driver.findElements(By.cssSelector("#audit-body tr")).isEmpty());
			assertThat((Long) js.executeScript("return document.documentElement.scrollWidth;")).isLessThanOrEqualTo(viewport);
		}
	}

	private List<String> userNames() {
		return this.driver.findElements(By.cssSelector("#users-body tr")).stream()
			.map((row) -> row.getDomAttribute("data-name"))
			.toList();
	}

	private WebElement userRow(String name) {
		return this.driver.findElement(By.cssSelector("#users-body tr[data-name='" + name + "']"));
	}

}
