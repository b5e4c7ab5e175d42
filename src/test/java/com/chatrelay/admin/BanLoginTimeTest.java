package com.chatrelay.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import com.chatrelay.support.Http;
import com.chatrelay.support.RelayTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A login (connect to welcome) costs about the same with 20,000 bans as with none: the bans are
 * added over the admin API, the logins are real sockets; the medians are printed.
 */
@TestPropertySource(properties = { "chat.admin.password=ban-login-secret", "logging.level.chat.audit=warn" })
class BanLoginTimeTest extends RelayTestBase {

	private static final int BANS = 20_000;

	private static final int LOGINS = 200;

	private static final AtomicInteger names = new AtomicInteger();

	@LocalServerPort
	private int httpPort;

	@Test
	void twentyThousandBansLeaveALoginAsQuickAsNone() {
		Http admin = Http.to(this.httpPort).as("admin", "ban-login-secret");
		medianLoginMicros(5 * LOGINS); // warm-up: the JIT, the sockets
		long without = medianLoginMicros(LOGINS);
		IntStream.range(0, BANS).parallel().forEach((i) -> {
			String body = switch (i % 3) {
				case 0 -> "{\"name\": \"banned-" + i + "\"}";
				case 1 -> "{\"address\": \"10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255) + "\"}";
				default -> (i % 2 == 0) ? "{\"address\": \"2001:db8:" + Integer.toHexString(i) + "::/" + (48 + i % 80) + "\"}"
						: "{\"address\": \"172." + (16 + i % 16) + "." + (i & 255) + ".0/" + (16 + i % 17) + "\"}";
			};
			assertThat(admin.postJson("/api/bans", body).statusCode()).isEqualTo(201);
		});
		medianLoginMicros(LOGINS / 4);
		long with = medianLoginMicros(LOGINS);
		System.out.printf("login (connect to welcome), median of %d: %d us with no bans, %d us with %d bans%n", LOGINS, without,
				with, BANS);
		// within twice the cost, plus a margin for a loaded machine's noise on a sub-millisecond figure
		assertThat(with).as("median login with %d bans (us), %d us without", BANS, without).isLessThan(2 * without + 500);
	}

	/** Median time from connect to the welcome line, in microseconds, over {@code count} logins one after another. */
	private long medianLoginMicros(int count) {
		List<Long> micros = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			micros.add(loginMicros("login" + names.incrementAndGet()));
		}
		Collections.sort(micros);
		return micros.get(count / 2);
	}

	private long loginMicros(String name) {
		long start = System.nanoTime();
		try (Socket socket = new Socket()) {
			socket.setTcpNoDelay(true);
			socket.setSoTimeout(5000);
			socket.connect(new InetSocketAddress("127.0.0.1", chatPort()), 5000);
			InputStream in = socket.getInputStream();
			OutputStream out = socket.getOutputStream();
			assertThat(line(in)).isEqualTo("Enter your name:");
			out.write((name + "\n").getBytes(StandardCharsets.UTF_8));
			assertThat(line(in)).startsWith("[SERVER] welcome, " + name + "!");
			return (System.nanoTime() - start) / 1000;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String line(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int b;
		while ((b = in.read()) >= 0 && b != '\n') {
			line.append((char) b);
		}
		return line.toString();
	}

}
