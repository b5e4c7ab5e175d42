package com.chatrelay.admin.console;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import com.chatrelay.chat.Ban;
import com.chatrelay.chat.ChatServer;
import com.chatrelay.support.Browser;
import com.chatrelay.support.Http;
import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console's long lists and its announcement box in a real headless Chromium: 250 bans a page
 * of 100 at a time, searched and lifted from any page, with dates in "Until"; an announcement
 * measured in bytes of UTF-8 against the server's limit. Shares ConsoleBrowserTest's context.
 */
@TestPropertySource(properties = { "chat.admin.username=operator", "chat.admin.password=console-secret" })
class ConsoleListsBrowserTest extends RelayTestBase {

	private static final Duration LIVE = Duration.ofSeconds(10);

	@LocalServerPort
	private int httpPort;

	@Autowired
	private ChatServer server;

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
	void twoHundredFiftyBansArePagedSearchedAndLiftedFromAnyPage() throws Exception {
		Http api = Http.to(this.httpPort).as("operator", "console-secret");
		Instant expiresAt = null;
		for (int i = 1; i <= 250; i++) {
			String duration = (i == 230) ? ", \"duration\": \"PT1H\"" : ""; // ends today, mostly: once shown as a bare time
			var made = api.postJson("/api/bans", "{\"address\": \"203.0.113." + i + "\", \"reason\": \"bulk " + i + "\"" + duration + "}");
			assertThat(made.statusCode()).isEqualTo(201);
			if (i == 230) {
				expiresAt = Instant.parse(Http.json(made).get("expiresAt").asString());
			}
		}
		open();
		await().atMost(LIVE).ignoreExceptions().untilAsserted(() -> {
			assertThat(text("bans-count")).isEqualTo("(250)");
			assertThat(text("bans-info")).isEqualTo("1–100 of 250");
			assertThat(banTargets()).hasSize(100).startsWith("203.0.113.1").endsWith("203.0.113.100");
		});
		assertThat(this.driver.findElement(By.id("bans-prev")).isEnabled()).isFalse();
		this.driver.findElement(By.id("bans-next")).click();
		await().atMost(LIVE).ignoreExceptions().untilAsserted(() -> assertThat(text("bans-info")).isEqualTo("101–200 of 250"));
		this.driver.findElement(By.id("bans-next")).click();
		await().atMost(LIVE).ignoreExceptions().untilAsserted(() -> {
			assertThat(text("bans-info")).isEqualTo("201–250 of 250");
			assertThat(banTargets()).hasSize(50).startsWith("203.0.113.201").endsWith("203.0.113.250");
		});
		assertThat(this.driver.findElement(By.id("bans-next")).isEnabled()).isFalse();

		// "Until": a date with the time, or permanent
		String day = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.US).withZone(ZoneId.systemDefault()).format(expiresAt);
		assertThat(untilOf("203.0.113.230")).startsWith(day + ",").matches(".* \\d{2}:\\d{2} (AM|PM) .+");
		assertThat(untilOf("203.0.113.229")).isEqualTo("permanent");

		// ban #230, lifted from page 3
		this.driver.findElement(By.cssSelector("button[aria-label='Unban address 203.0.113.230']")).click();
		await().atMost(LIVE).ignoreExceptions().untilAsserted(() -> {
			assertThat(text("message")).isEqualTo("Unbanned 203.0.113.230.");
			assertThat(text("bans-count")).isEqualTo("(249)");
			assertThat(banTargets()).hasSize(49).doesNotContain("203.0.113.230");
			assertThat(rows("audit-body").get(0)).contains("unban", "203.0.113.230");
		});
		assertThat(this.server.bans().active()).extracting(Ban::address).hasSize(249).doesNotContain("203.0.113.230");

		// found by a search instead, from page 3: the search starts at its first page
		this.driver.findElement(By.id("bans-search")).sendKeys("203.0.113.17");
		await().atMost(LIVE).ignoreExceptions().untilAsserted(() -> {
			assertThat(text("bans-info")).isEqualTo("1–11 of 11 (filtered from 249)");
			assertThat(banTargets()).containsExactly("203.0.113.17", "203.0.113.170", "203.0.113.171", "203.0.113.172",
					"203.0.113.173", "203.0.113.174", "203.0.113.175", "203.0.113.176", "203.0.113.177", "203.0.113.178",
					"203.0.113.179");
		});
		this.driver.findElement(By.cssSelector("button[aria-label='Unban address 203.0.113.175']")).click();
		await().atMost(LIVE).ignoreExceptions().untilAsserted(() -> {
			assertThat(text("bans-info")).isEqualTo("1–10 of 10 (filtered from 248)");
			assertThat(banTargets()).doesNotContain("203.0.113.175");
		});
		this.driver.findElement(By.id("bans-search")).sendKeys("9");
		await().atMost(LIVE).ignoreExceptions().untilAsserted(() -> assertThat(banTargets()).containsExactly("203.0.113.179"));
		this.driver.findElement(By.id("bans-search")).sendKeys("9");
		await().atMost(LIVE).ignoreExceptions().untilAsserted(() -> assertThat(text("bans-empty")).isEqualTo("No ban matches the search."));
	}

	@Test
	void theAnnouncementBoxCountsBytesOfUtf8AndRefusesTooMany() throws Exception {
		try (TestClient alice = login("alice")) {
			open();
			WebElement box = this.driver.findElement(By.id("announce-text"));
			await().atMost(LIVE).ignoreExceptions().untilAsserted(() -> assertThat(text("announce-bytes")).isEqualTo("0 / 4,096 bytes"));
			box.sendKeys("é".repeat(2500));
			assertThat(text("announce-bytes")).isEqualTo("5,000 / 4,096 bytes");
			assertThat(box.getDomAttribute("aria-invalid")).isEqualTo("true");
			submitAnnouncement();
			await().atMost(LIVE).ignoreExceptions().untilAsserted(() -> assertThat(text("message"))
				.startsWith("Not sent: the announcement is 5,000 bytes of UTF-8, over the limit of 4,096 bytes"));
			assertThat(box.getDomProperty("value")).as("kept, to be shortened").hasSize(2500);

			box.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
			box.sendKeys("é".repeat(2000));
			assertThat(text("announce-bytes")).isEqualTo("4,000 / 4,096 bytes");
			submitAnnouncement();
			// the first announcement alice reads is this one: the refused one never left the page
			assertThat(alice.awaitLine((line) -> line.startsWith("[SERVER] é"))).isEqualTo("[SERVER] " + "é".repeat(2000));
			await().atMost(LIVE).ignoreExceptions().untilAsserted(() -> {
				assertThat(text("message")).isEqualTo("Announced to every user.");
				assertThat(text("announce-bytes")).isEqualTo("0 / 4,096 bytes");
			});
		}
	}

	private void open() throws Exception {
		this.browser = Browser.desktop(this.work, 1280, 900);
		this.driver = this.browser.driver();
		this.driver.get("http://127.0.0.1:" + this.httpPort + "/admin");
		this.driver.findElement(By.id("username")).sendKeys("operator");
		this.driver.findElement(By.id("password")).sendKeys("console-secret", Keys.ENTER);
		await().atMost(LIVE).ignoreExceptions().until(() -> this.driver.getCurrentUrl().endsWith("/admin")
				&& "live".equals(this.driver.findElement(By.id("live")).getDomAttribute("data-state")));
	}

	private void submitAnnouncement() {
		this.driver.findElement(By.cssSelector("#announce-form button[type='submit']")).click();
	}

	private List<String> banTargets() {
		return this.driver.findElements(By.cssSelector("#bans-body tr")).stream()
			.map((row) -> row.getDomAttribute("data-target"))
			.toList();
	}

	private String untilOf(String target) {
		return this.driver.findElement(By.cssSelector("#bans-body tr[data-target='" + target + "'] td:nth-child(3)")).getText();
	}

	private List<String> rows(String tbody) {
		return this.driver.findElements(By.cssSelector("#" + tbody + " tr")).stream().map(WebElement::getText).toList();
	}

	private String text(String id) {
		return this.driver.findElement(By.id(id)).getText();
	}

}
