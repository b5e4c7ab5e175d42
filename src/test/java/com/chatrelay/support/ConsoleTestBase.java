package com.chatrelay.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.chatrelay.chat.Ban;
import com.chatrelay.chat.ChatServer;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The admin console in a real headless Chromium against the running relay, as user {@code operator}:
 * opening it, logging in, reading the live page; after each test the browser's console must be
 * clean, and the bans the test made are lifted.
 */
@TestPropertySource(properties = { "chat.admin.username=operator", "chat.admin.password=console-secret" })
public abstract class ConsoleTestBase extends RelayTestBase {

	/** How long the live page may take to show a change (it polls the API). */
	protected static final Duration LIVE = Duration.ofSeconds(10);

	protected static final String PASSWORD = "console-secret";

	@LocalServerPort
	private int httpPort;

	@Autowired
	private ChatServer server;

	@TempDir
	private Path work;

	private Browser browser;

	protected ChromeDriver driver;

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

	/** Starts a desktop browser, its window {@code width} x {@code height}. */
	protected void openDesktop(int width, int height) throws Exception {
		this.browser = Browser.desktop(this.work, width, height);
		this.driver = this.browser.driver();
	}

	/** Starts a browser that emulates a phone's screen. */
	protected void openPhone(int width, int height) throws Exception {
		this.browser = Browser.phone(this.work, width, height);
		this.driver = this.browser.driver();
	}

	/** Goes to the console, lands on the login form, and logs in with the keyboard. */
	protected void logIn(String password) {
		this.driver.get(url("/admin"));
		assertThat(this.driver.getCurrentUrl()).endsWith("/admin/login");
		this.driver.findElement(By.id("username")).sendKeys("operator");
		this.driver.findElement(By.id("password")).sendKeys(password, Keys.ENTER);
	}

	/** Waits until the console is shown and its live updates run. */
	protected void awaitLive() {
		// the URL changes before the new document is parsed: until then there is no #live to read
		live().ignoreException(NoSuchElementException.class)
			.until(() -> this.driver.getCurrentUrl().endsWith("/admin")
					&& "live".equals(this.driver.findElement(By.id("live")).getDomAttribute("data-state")));
	}

	/**
	 * Awaits a state of the live page. The page rewrites its tables on every poll, so an element
	 * found just before it is replaced is read again; any other exception fails the test.
	 */
	protected static ConditionFactory live() {
		return await().atMost(LIVE).ignoreException(StaleElementReferenceException.class);
	}

	/** The text of each row of a table body. */
	protected List<String> rows(String tbody) {
		return this.driver.findElements(By.cssSelector("#" + tbody + " tr")).stream().map(WebElement::getText).toList();
	}

	protected String text(String id) {
		return this.driver.findElement(By.id(id)).getText();
	}

	protected int httpPort() {
		return this.httpPort;
	}

	protected String url(String path) {
		return "http://127.0.0.1:" + this.httpPort + path;
	}

}
