package com.chatrelay.tcp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A quiet user's line is not queued behind everything heavy senders have already sent: the relay
 * reads each of them a turn's worth at a time, so the line is read in the next round and reaches
 * the others early in the flood, not after it. Nothing of the flood is lost.
 */
@TestPropertySource(properties = "chat.rate-limit.enabled=false")
class FairReadingTest extends RelayTestBase {

	private static final int FLOODERS = 20;

	private static final int LINES_EACH = 2000;

	@Test
	void aQuietUsersLineOvertakesTheFloodersBacklog() {
		List<TestClient> flooders = new ArrayList<>();
		try (TestClient observer = login("observer"); TestClient quiet = login("quiet")) {
			for (int i = 0; i < FLOODERS; i++) {
				flooders.add(login("f" + i));
			}
			observer.awaitLine("[SERVER] f" + (FLOODERS - 1) + " joined the chat");
			byte[] flood = "a\n".repeat(LINES_EACH).getBytes(StandardCharsets.US_ASCII);
			for (TestClient flooder : flooders) {
				flooder.sendRaw(flood);
			}
			quiet.send("hello from the quiet one");
			int position = 0;
			int floodLines = 0;
			int total = FLOODERS * LINES_EACH;
			while (floodLines < total) {
				String line = observer.readLine();
				assertThat(line).as("the observer was disconnected").isNotNull();
				if (line.equals("[quiet] hello from the quiet one")) {
					position = floodLines;
				}
				else if (line.endsWith("] a")) {
					floodLines++;
				}
			}
			// the flood's first reads alone are 16 KB (8,000 lines) per flooder: read whole, they
			// would put the quiet line behind all of it
			assertThat(position).as("flood lines the observer got before the quiet line (of %d)", total)
				.isLessThan(total / 10);
		}
		finally {
			flooders.forEach(TestClient::close);
		}
	}

}
