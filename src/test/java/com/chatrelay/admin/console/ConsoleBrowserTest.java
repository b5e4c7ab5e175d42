package com.chatrelay.admin.console;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.chatrelay.chat.Ban;
import com.chatrelay.chat.ChatServer;
import com.chatrelay.support.Browser;
import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The admin console in a real headless Chromium against the running relay, with real chat users on
 * TCP: log in, watch users arrive, kick, ban, unban, announce; the page never reloads and never
 * breaks its Content-Security-Policy.
 */
@TestPropertySource(properties = { "chat.admin.username=operator", "chat.admin.password=console-secret" })
class ConsoleBrowserTest extends RelayTestBase {

	private static final Duration LIVE = Duration.ofSeconds(10);

	@LocalServerPort
	private int httpPort;

	@Autowired
	private ChatServer server;

	@Autowired
	private MeterRegistry registry;

	@TempDir
	private Path work;

	private Browser browser;

	private ChromeDriver driver;

	@AfterEach
	void closeBrowserAndLiftBans() {
		try {
			if (this.browser != null) {
				assertThat(this.browser.consoleProblems()).as("the browser console (CSP violations, script errors)").isEmpty();
			}
		}
		finally {
			if (this.browser != null) {
				this.browser.close();
			}
			for (Ban ban : this.server.bans().active()) {
				this.server.bans().unban(ban.id());
			}
		}
	}

	@Test
	void aWrongPasswordIsRefusedAndCounted() throws Exception {
		open(1280, 900);
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
		open(1280, 900);
		logIn("console-secret");
		awaitLive();
		assertThat(userNames()).isEmpty();
		((JavascriptExecutor) this.driver).executeScript("window.sameDocument = 'yes';");
		try (TestClient alice = login("alice"); TestClient bob = login("bob")) {
			await().atMost(LIVE).ignoreExceptions().untilAsserted(() -> {
				assertThat(userNames()).containsExactly("alice", "bob");
				assertThat(text("stat-users")).isEqualTo("2");
			});
			WebElement row = userRow("alice");
			assertThat(row.findElements(By.tagName("td")).get(1).getText()).startsWith("127.0.0.1:");
			assertThat(((JavascriptExecutor) this.driver).executeScript("return window.sameDocument;"))
				.as("the page was updated in place, not reloaded").isEqualTo("yes");
			this.driver.findElement(By.id("filter")).sendKeys("bo");
			await().atMost(LIVE).ignoreExceptions().untilAsserted(() -> assertThat(userNames()).containsExactly("bob"));
			assertThat(text("page-info")).isEqualTo("1–1 of 1 (filtered from 2)");
		}
		await().atMost(LIVE).ignoreExceptions().untilAsserted(() -> assertThat(userNames()).isEmpty());
		this.driver.findElement(By.cssSelector("form.logout button")).click();
		await().atMost(LIVE).until(() -> this.driver.getCurrentUrl().endsWith("/admin/login?logout"));
		this.driver.get(url("/admin"));
		assertThat(this.driver.getCurrentUrl()).as("logged out").endsWith("/admin/login");
	}

	@Test
	void kickingAUserTellsThemAndTheOthers() throws Exception {
		open(1280, 900);
		logIn("console-secret");
		awaitLive();
		try (TestClient alice = login("alice"); TestClient bob = login("bob")) {
			await().atMost(LIVE).ignoreExceptions().untilAsserted(() -> assertThat(userNames()).contains("alice", "bob"));
			this.driver.findElement(By.cssSelector("button[aria-label='Kick alice']")).click();
			WebElement reason = this.driver.findElement(By.id("kick-reason"));
			await().atMost(LIVE).until(reason::isDisplayed);
			reason.sendKeys("spamming", Keys.ENTER);
			alice.awaitLine("[SERVER] you were disconnected by an administrator: spamming");
			alice.awaitClosed();
			bob.awaitLine("[SERVER] alice left the chat (kicked: spamming)");
			await().atMost(LIVE).ignoreExceptions().untilAsserted(() -> {
				assertThat(userNames()).containsExactly("bob");
				assertThat(text("message")).isEqualTo("Kicked alice.");
				assertThat(rows("disconnects-body").get(0)).contains("alice", "127.0.0.1", "kicked: spamming");
				assertThat(rows("audit-body").get(0)).contains("operator", "kick", "alice", "spamming");
			});
		}
	}

	@Test
	void banningANameAndAnAddressThenUnbanning() throws Exception {
		open(1280, 900);
		logIn("console-secret");
		awaitLive();
		try (TestClient alice = login("alice"); TestClient bob = login("bob")) {
			await().atMost(LIVE).ignoreExceptions().untilAsserted(() -> assertThat(userNames()).contains("alice", "bob"));
			// bob's name, from his row, for the dialog's default hour
			this.driver.findElement(By.cssSelector("button[aria-label='Ban bob']")).click();
			WebElement reason = this.driver.findElement(By.id("user-ban-reason"));
			await().atMost(LIVE).until(reason::isDisplayed);
			reason.sendKeys("trolling", Keys.ENTER);
			bob.awaitLine("[SERVER] you are banned: trolling");
			bob.awaitClosed();
			await().atMost(LIVE).ignoreExceptions().untilAsserted(() -> assertThat(rows("bans-body"))
				.singleElement().asString().contains("name bob", "trolling"));
			// then the address everyone here comes from, with the form
			this.driver.findElement(By.id("ban-target")).sendKeys("127.0.0.1");
			this.driver.findElement(By.id("ban-reason")).sendKeys("flood");
			this.driver.findElement(By.cssSelector("#ban-form button[type='submit']")).click();
			alice.awaitLine("[SERVER] you are banned: flood");
			alice.awaitClosed();
			await().atMost(LIVE).ignoreExceptions().untilAsserted(() -> {
				assertThat(rows("bans-body")).hasSize(2);
				assertThat(rows("bans-body").get(1)).contains("address 127.0.0.1", "flood", "permanent");
				assertThat(text("bans-count")).isEqualTo("(2)");
			});
			try (TestClient refused = connect()) {
				refused.expectLine("[SERVER] error: you are banned: flood");
				refused.expectClosed();
			}
			this.driver.findElement(By.cssSelector("button[aria-label='Unban address 127.0.0.1']")).click();
			await().atMost(LIVE).ignoreExceptions().untilAsserted(() -> {
				assertThat(rows("bans-body")).singleElement().asString().contains("name bob");
				assertThat(rows("audit-body").get(0)).contains("unban", "127.0.0.1");
			});
			try (TestClient carol = login("carol")) {
				assertThat(this.server.bans().active()).extracting(Ban::name).containsExactly("bob");
			}
		}
	}

	@Test
	void anAnnouncementReachesEveryChatUser() throws Exception {
		open(1280, 900);
		logIn("console-secret");
		awaitLive();
		try (TestClient alice = login("alice"); TestClient bob = login("bob")) {
			String text = "<b>restart</b> at noon";
			this.driver.findElement(By.id("announce-text")).sendKeys(text);
			this.driver.findElement(By.cssSelector("#announce-form button[type='submit']")).click();
			alice.awaitLine("[SERVER] " + text);
			bob.awaitLine("[SERVER] " + text);
			await().atMost(LIVE).ignoreExceptions().untilAsserted(() -> {
				assertThat(text("message")).isEqualTo("Announced to every user.");
				assertThat(this.driver.findElement(By.id("announce-text")).getAttribute("value")).isEmpty();
				List<WebElement> cells = this.driver.findElements(By.cssSelector("#audit-body tr:first-child td"));
				assertThat(cells.get(2).getText()).isEqualTo("announce");
				assertThat(cells.get(4).getText()).as("shown as text, not markup").isEqualTo(text);
			});
		}
	}

	@Test
	void onAPhoneNothingScrollsSidewaysAndTheActionsAreThere() throws Exception {
		this.browser = Browser.phone(this.work, 375, 812);
		this.driver = this.browser.driver();
		logIn("console-secret");
		awaitLive();
		try (TestClient alice = login("alice")) {
			await().atMost(LIVE).ignoreExceptions().untilAsserted(() -> assertThat(userNames()).containsExactly("alice"));
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
			await().atMost(LIVE).ignoreExceptions()
				.until(() -> !this.driver.findElements(By.cssSelector("#audit-body tr")).isEmpty());
			assertThat((Long) js.executeScript("return document.documentElement.scrollWidth;")).isLessThanOrEqualTo(viewport);
		}
	}

	private void open(int width, int height) throws Exception {
		this.browser = Browser.desktop(this.work, width, height);
		this.driver = this.browser.driver();
	}

	/** Goes to the console, lands on the login form, and logs in with the keyboard. */
	private void logIn(String password) {
		this.driver.get(url("/admin"));
		assertThat(this.driver.getCurrentUrl()).endsWith("/admin/login");
		this.driver.findElement(By.id("username")).sendKeys("operator");
		this.driver.findElement(By.id("password")).sendKeys(password, Keys.ENTER);
	}

	private void awaitLive() {
		await().atMost(LIVE).ignoreExceptions().until(() -> this.driver.getCurrentUrl().endsWith("/admin")
				&& "live".equals(this.driver.findElement(By.id("live")).getDomAttribute("data-state")));
	}

	private List<String> userNames() {
		return this.driver.findElements(By.cssSelector("#users-body tr")).stream()
			.map((row) -> row.getDomAttribute("data-name"))
			.toList();
	}

	private WebElement userRow(String name) {
		return this.driver.findElement(By.cssSelector("#users-body tr[data-name='" + name + "']"));
	}

	private List<String> rows(String tbody) {
		return this.driver.findElements(By.cssSelector("#" + tbody + " tr")).stream().map(WebElement::getText).toList();
	}

	private String text(String id) {
		return this.driver.findElement(By.id(id)).getText();
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.httpPort + path;
	}

}
