package com.chatrelay.admin.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.chatrelay.support.Browser;
import com.chatrelay.support.Http;
import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Not a test: takes the README's screenshots of the console (docs/console-*.png) in headless Chromium,
 * with a few users chatting in rooms, a kick, a quit, bans and an announcement. Run by scripts/screenshots.sh
 * ({@code -Dscreenshots.dir=...}); skipped otherwise, and not picked up by {@code ./mvnw verify}.
 */
@TestPropertySource(properties = { "chat.admin.username=admin", "chat.admin.password=screenshots" })
class ConsoleScreenshots extends RelayTestBase {

	private static final List<String> NAMES = List.of("alice", "bob", "carol", "dave", "erin", "frank", "grace",
			"heidi", "ivan", "judy", "mallory", "build-bot");

	@LocalServerPort
	private int httpPort;

	@TempDir
	private Path work;

	@Test
	void takeScreenshots() throws Exception {
		String directory = System.getProperty("screenshots.dir");
		Assumptions.assumeTrue(directory != null, "only with -Dscreenshots.dir=... (scripts/screenshots.sh)");
		Path out = Files.createDirectories(Path.of(directory));
		Http admin = Http.to(this.httpPort).as("admin", "screenshots");
		List<TestClient> users = new ArrayList<>();
		ScheduledExecutorService chatter = Executors.newSingleThreadScheduledExecutor();
		try {
			for (String name : NAMES) {
				users.add(login(name));
			}
			TestClient bot = users.get(users.size() - 1);
			for (TestClient member : List.of(bot, users.get(0), users.get(1), users.get(3))) {
				member.send("/join #ci");
			}
			users.get(0).send("/join #ops");
			users.get(4).send("/join #ops");
			chatter.scheduleAtFixedRate(() -> bot.send("build #" + System.nanoTime() % 1000 + " is green"), 0, 125,
					TimeUnit.MILLISECONDS);
			users.get(2).send("/quit dinner time");
			assertThat(admin.delete("/api/users/mallory?reason=spamming%20links").statusCode()).isEqualTo(204);
			assertThat(admin.postJson("/api/bans", "{\"address\": \"203.0.113.0/24\", \"reason\": \"flood from a botnet\", \"duration\": \"P1D\"}")
				.statusCode()).isEqualTo(201);
			assertThat(admin.postJson("/api/bans", "{\"name\": \"troll\", \"reason\": \"harassment\"}").statusCode()).isEqualTo(201);
			assertThat(admin.postJson("/api/announcements", "{\"text\": \"Maintenance at 22:00 UTC: the relay restarts for a minute\"}")
				.statusCode()).isEqualTo(202);
			try (Browser browser = Browser.desktop(this.work, 1280, 900)) {
				logIn(browser.driver());
				int height = ((Long) ((JavascriptExecutor) browser.driver())
					.executeScript("return document.documentElement.scrollHeight;")).intValue();
				browser.driver().manage().window().setSize(new Dimension(1280, height + 20));
				save(browser.driver(), out.resolve("console-desktop.png"));
			}
			try (Browser browser = Browser.phone(this.work, 390, 844)) {
				logIn(browser.driver());
				save(browser.driver(), out.resolve("console-phone.png"));
			}
		}
		finally {
			chatter.shutdownNow();
			users.forEach(TestClient::close);
		}
	}

	private void logIn(ChromeDriver driver) {
		driver.get("http://127.0.0.1:" + this.httpPort + "/admin");
		driver.findElement(By.id("username")).sendKeys("admin");
		driver.findElement(By.id("password")).sendKeys("screenshots", Keys.ENTER);
		// live, with rates and a p99 (the second poll has a base to measure from)
		await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> driver.findElement(By.id("stat-p99")).getText().endsWith("s")
				&& driver.findElements(By.cssSelector("#users-body tr")).size() == NAMES.size() - 2);
	}

	private static void save(ChromeDriver driver, Path file) throws Exception {
		Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
	}

}
