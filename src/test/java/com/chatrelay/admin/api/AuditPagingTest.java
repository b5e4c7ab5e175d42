package com.chatrelay.admin.api;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.chatrelay.chat.Ban;
import com.chatrelay.chat.ChatServer;
import com.chatrelay.support.Http;
import com.chatrelay.support.RelayTestBase;
import com.chatrelay.support.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit over real HTTP after a bulk action: 1,200 bans do not flush the kick that follows, the
 * first ban stays reachable a page at a time, and every action is a line on {@code chat.audit}.
 * Shares AdminApiTest's context.
 */
@TestPropertySource(properties = { "chat.admin.username=boss", "chat.admin.password=s3cret-for-tests" })
class AuditPagingTest extends RelayTestBase {

	private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

	@LocalServerPort
	private int httpPort;

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private ChatServer server;

	private Http admin;

	private final ListAppender<ILoggingEvent> log = new ListAppender<>();

	private final Logger auditLogger = (Logger) LoggerFactory.getLogger("chat.audit");

	@BeforeEach
	void captureTheAuditLog() {
		this.admin = Http.to(this.httpPort).as("boss", "s3cret-for-tests");
		this.log.start();
		this.auditLogger.addAppender(this.log);
		this.auditLogger.setAdditive(false); // 1,200 lines the console of the build need not show
	}

	@AfterEach
	void stopCapturingAndLiftBans() {
		this.auditLogger.setAdditive(true);
		this.auditLogger.detachAppender(this.log);
		for (Ban ban : this.server.bans().active()) {
			this.server.bans().unban(ban.id()); // not an admin request: not audited
		}
	}

	@Test
	void twelveHundredBansThenAKickLoseNothing() {
		int bans = 1200;
		for (int i = 0; i < bans; i++) {
			String address = "10.7." + (i / 256) + "." + (i % 256);
			HttpResponse<String> made = this.admin.postJson("/api/bans",
					"{\"address\": \"" + address + "\", \"reason\": \"bulk-" + i + "\"}");
			assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
		}
		try (TestClient user = login("audit-kick")) {
			assertThat(this.admin.delete("/api/users/audit-kick?reason=last").statusCode()).isEqualTo(204);
		}

		// the bare call: SPEC's last 1000, newest first, the kick on top
		HttpResponse<String> bare = this.admin.get("/api/audit");
		JsonNode last1000 = Http.json(bare);
		assertThat(last1000.size()).isEqualTo(1000);
		assertThat(last1000.get(0).get("action").asString()).isEqualTo("kick");
		assertThat(last1000.get(0).get("target").asString()).isEqualTo("audit-kick");
		assertThat(last1000.get(1).get("detail").asString()).isEqualTo("bulk-" + (bans - 1));
		int kept = Integer.parseInt(bare.headers().firstValue(Paging.TOTAL_COUNT).orElseThrow());
		assertThat(kept).isGreaterThanOrEqualTo(bans + 1);

		// following the Link to the end, pages of 500: the first ban is there, each action once, in order
		List<JsonNode> entries = new ArrayList<>();
		String next = "/api/audit?limit=500";
		while (next != null) {
			HttpResponse<String> page = this.admin.get(next);
			assertThat(page.statusCode()).isEqualTo(200);
			Http.json(page).forEach(entries::add);
			Matcher link = NEXT.matcher(page.headers().firstValue("Link").orElse(""));
			next = link.find() ? link.group(1).replace("http://127.0.0.1:" + this.httpPort, "") : null;
		}
		assertThat(entries).hasSize(kept);
		List<String> details = new ArrayList<>();
		for (JsonNode entry : entries.subList(1, bans + 1)) {
			assertThat(entry.get("action").asString()).isEqualTo("ban");
			details.add(entry.get("detail").asString());
		}
		assertThat(details.get(0)).isEqualTo("bulk-" + (bans - 1));
		assertThat(details.get(bans - 1)).as("the first ban, still reachable").isEqualTo("bulk-0");
		assertThat(entries.get(bans).get("target").asString()).isEqualTo("10.7.0.0");

		// and every one of them was a line at INFO on chat.audit, in the order they happened
		List<String> lines;
		synchronized (this.log) {
			lines = this.log.list.stream()
				.filter((event) -> event.getLevel() == Level.INFO)
				.map(ILoggingEvent::getFormattedMessage)
				.toList();
		}
		assertThat(lines).hasSize(bans + 1);
		for (int i = 0; i < bans; i++) {
			assertThat(lines.get(i)).isEqualTo("ban by boss from 127.0.0.1 target=10.7." + (i / 256) + "." + (i % 256)
					+ " detail=bulk-" + i);
		}
		assertThat(lines.get(bans)).isEqualTo("kick by boss from 127.0.0.1 target=audit-kick detail=last");

		// the meters say the same: all kept, none dropped
		String metrics = Http.to(this.managementPort).get("/actuator/prometheus").body();
		assertThat(metrics).contains("chat_audit_entries " + kept + ".0", "chat_audit_evicted_total 0.0")
			.containsPattern("chat_audit_memory_bytes [1-9]");
	}

	@Test
	void badPagingParametersAreProblems() {
		for (String bad : List.of("?offset=-1", "?limit=0", "?limit=10001", "?offset=x")) {
			HttpResponse<String> refused = this.admin.get("/api/audit" + bad);
			assertThat(refused.statusCode()).as(bad).isEqualTo(400);
			assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).as(bad).startsWith("application/problem+json");
		}
		HttpResponse<String> beyond = this.admin.get("/api/audit?offset=100000000");
		assertThat(beyond.statusCode()).isEqualTo(200);
		assertThat(Http.json(beyond).size()).isZero();
	}

}
