package com.chatrelay.admin.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** The trail's bound: past chat.admin.audit-retention the oldest leave the memory (counted), never the log. */
class AuditTrailTest {

	@Test
	void pastTheRetentionTheOldestLeaveTheMemoryButEveryOneIsLogged() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		AuditTrail trail = new AuditTrail(Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC), 1000, 64L * 1024 * 1024, registry);
		ListAppender<ILoggingEvent> log = new ListAppender<>();
		Logger logger = (Logger) LoggerFactory.getLogger("chat.audit");
		log.start();
		logger.addAppender(log);
		logger.setAdditive(false); // 1,500 lines the console of the build need not show
		try {
			for (int i = 0; i < 1500; i++) {
				trail.record(AuditAction.BAN, "mallory" + i, null);
			}
		}
		finally {
			logger.setAdditive(true);
			logger.detachAppender(log);
		}
		assertThat(trail.size()).isEqualTo(1000);
		assertThat(trail.newestFirst(0, 1)).singleElement().extracting(AuditEntry::target).isEqualTo("mallory1499");
		assertThat(trail.newestFirst(999, 10)).singleElement().extracting(AuditEntry::target).isEqualTo("mallory500");
		assertThat(trail.newestFirst(1000, 10)).isEmpty();
		assertThat(registry.get("chat.audit.evicted").counter().count()).isEqualTo(500);
		assertThat(registry.get("chat.audit.entries").gauge().value()).isEqualTo(1000);
		assertThat(registry.get("chat.audit.memory").gauge().value())
			.isEqualTo(trail.newestFirst(0, 1000).stream().mapToLong(AuditEntry::estimatedBytes).sum());
		synchronized (log) {
			assertThat(log.list).hasSize(1500);
			assertThat(log.list.get(0).getFormattedMessage()).isEqualTo("ban by null from null target=mallory0");
		}
	}

	@Test
	void pastTheMemoryTheOldestGoButTheLast1000Stay() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		AuditTrail trail = new AuditTrail(Clock.systemUTC(), 100_000, 1024 * 1024, registry);
		ListAppender<ILoggingEvent> log = new ListAppender<>();
		Logger logger = (Logger) LoggerFactory.getLogger("chat.audit");
		log.start();
		logger.addAppender(log);
		logger.setAdditive(false);
		try {
			// 3,000 small kicks (150 bytes each, estimated) fit in the megabyte
			for (int i = 0; i < 3000; i++) {
				trail.record(AuditAction.KICK, "u" + String.format("%04d", i), null);
			}
			assertThat(trail.size()).isEqualTo(3000);
			// 100 announcements of 4,000 characters (8 KB each, estimated) push the oldest kicks out
			String text = "x".repeat(4000);
			for (int i = 0; i < 100; i++) {
				trail.record(AuditAction.ANNOUNCE, null, text);
			}
			assertThat(registry.get("chat.audit.memory").gauge().value()).isLessThanOrEqualTo(1024 * 1024);
			assertThat(trail.size()).isGreaterThan(1000).isLessThan(3000);
			assertThat(trail.newestFirst(99, 2)).extracting(AuditEntry::action).containsExactly("announce", "kick");
			assertThat(trail.newestFirst(100, 1).get(0).target()).as("the newest kick stays").isEqualTo("u2999");
			int kept = trail.size();
			assertThat(registry.get("chat.audit.evicted").counter().count()).isEqualTo(3100 - kept);
			// far past the memory, the last 1000 still stay
			for (int i = 0; i < 1500; i++) {
				trail.record(AuditAction.ANNOUNCE, null, text);
			}
			assertThat(trail.size()).isEqualTo(AuditTrail.ALWAYS_KEPT);
			assertThat(registry.get("chat.audit.evicted").counter().count()).isEqualTo(3000 + 100 + 1500 - 1000);
		}
		finally {
			logger.setAdditive(true);
			logger.detachAppender(log);
		}
		synchronized (log) {
			assertThat(log.list).as("every one logged, evicted or not").hasSize(3000 + 100 + 1500);
		}
	}

}
