package com.chatrelay.support;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.IntSupplier;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.awaitility.Awaitility.await;

/**
 * One {@link Haproxy} in front of the relay for a whole test class: started by the first test that
 * asks (the chat port is known only then), stopped after the last. Register it as a static
 * {@code @RegisterExtension} field.
 */
public final class HaproxyFront implements AfterAllCallback {

	private Haproxy haproxy;

	/**
	 * The running front, started on first use; its start-up probes reached the relay, so this waits
	 * until {@code openConnections} is back to zero before a test counts anything.
	 */
	public Haproxy startOnce(int chatPort, Path directory, IntSupplier openConnections) throws IOException {
		if (this.haproxy == null) {
			this.haproxy = Haproxy.start(chatPort, false, directory);
			await().atMost(Duration.ofSeconds(10)).until(() -> openConnections.getAsInt() == 0);
		}
		return this.haproxy;
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (this.haproxy != null) {
			this.haproxy.close();
			this.haproxy = null;
		}
	}

}
