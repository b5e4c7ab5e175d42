package com.chatrelay.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * A real headless Chromium (Debian's {@code chromium}) driven through {@code chromedriver} (Debian's
 * {@code chromium-driver}), both of which .ci/run installs; skipped where they are missing, outside CI.
 */
public final class Browser implements AutoCloseable {

	private final ChromeDriver driver;

	private Browser(ChromeDriver driver) {
		this.driver = driver;
	}

	/** A fresh desktop browser with its own empty profile under {@code work}, its window {@code width} x {@code height}. */
	public static Browser desktop(Path work, int width, int height) throws IOException {
		return start(work, width, height, null);
	}

	/** A fresh browser emulating a phone's screen ({@code width} x {@code height} CSS pixels, touch, 2x pixels). */
	public static Browser phone(Path work, int width, int height) throws IOException {
		return start(work, width, height,
				Map.of("deviceMetrics", Map.of("width", width, "height", height, "pixelRatio", 2.0, "touch", true)));
	}

	private static Browser start(Path work, int width, int height, Map<String, Object> mobileEmulation) throws IOException {
		String chromium = Binaries.find("chromium", "chromium");
		String chromedriver = Binaries.find("chromedriver", "chromium-driver");
		Path profile = Files.createTempDirectory(work, "chromium-profile");
		ChromeOptions options = new ChromeOptions().setBinary(chromium)
			// the background services would dial out, and this network refuses them in bulk
			.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--disable-dev-shm-usage", "--lang=en-US", "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
		if (mobileEmulation != null) {
			options.setExperimentalOption("mobileEmulation", mobileEmulation);
		}
		options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(chromedriver))
			.usingAnyFreePort()
			.build();
		return new Browser(new ChromeDriver(service, options));
	}

	public ChromeDriver driver() {
		return this.driver;
	}

	/** What the page wrote to the console at WARNING or worse (CSP violations, script errors, failed loads). */
	public List<String> consoleProblems() {
		return this.driver.manage().logs().get(LogType.BROWSER).getAll().stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.WARNING.intValue())
			.map(LogEntry::toString)
			.toList();
	}

	@Override
	public void close() {
		this.driver.quit();
	}

}
