package com.chatrelay.admin.audit;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.chatrelay.ChatProperties;
import com.chatrelay.chat.TextSanitizer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The admin actions that changed something for users: the last {@code chat.admin.audit-retention}
 * (within {@code chat.admin.audit-memory}) in memory for the API, and every one of them at INFO on
 * the logger {@code chat.audit}, for whoever keeps logs longer (an entry leaves the memory, never the log).
 */
@Component
public class AuditTrail {

	/** Entries kept whatever their size: SPEC's bare {@code GET /api/audit} shows the last 1000. */
	static final int ALWAYS_KEPT = 1000;

	private static final Log audit = LogFactory.getLog("chat.audit");

	private final Clock clock;

	private final int retention;

	private final long memory;

	private final Counter evicted;

	// guarded by entries; newest first
	private final ArrayDeque<AuditEntry> entries = new ArrayDeque<>();

	// guarded by entries: their estimated heap
	private long bytes;

	@Autowired
	AuditTrail(ChatProperties properties, MeterRegistry registry) {
		this(Clock.systemUTC(), properties.admin().auditRetention(), properties.admin().auditMemory().toBytes(), registry);
	}

	AuditTrail(Clock clock, int retention, long memory, MeterRegistry registry) {
		this.clock = clock;
		this.retention = retention;
		this.memory = memory;
		this.evicted = Counter.builder("chat.audit.evicted")
			.description("Audit entries dropped from memory past chat.admin.audit-retention (still in the chat.audit log)")
			.register(registry);
		Gauge.builder("chat.audit.entries", this, AuditTrail::size)
			.description("Audit entries kept in memory for GET /api/audit")
			.register(registry);
		Gauge.builder("chat.audit.memory", this, AuditTrail::estimatedBytes)
			.description("Estimated heap of the audit entries kept (at most chat.admin.audit-memory)")
			.baseUnit("bytes")
			.register(registry);
	}

	/** Records an action of the admin of the current request. */
	public void record(AuditAction action, String target, String detail) {
		Authentication who = SecurityContextHolder.getContext().getAuthentication();
		String username = (who != null) ? who.getName() : null;
		String address = (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request)
				? request.getRequest().getRemoteAddr() : null;
		AuditEntry entry = new AuditEntry(this.clock.instant(), username, address, action.tag(), clean(target),
				clean(detail));
		int dropped = 0;
		synchronized (this.entries) {
			this.entries.addFirst(entry);
			this.bytes += entry.estimatedBytes();
			while (this.entries.size() > this.retention
					|| (this.bytes > this.memory && this.entries.size() > ALWAYS_KEPT)) {
				this.bytes -= this.entries.removeLast().estimatedBytes();
				dropped++;
			}
		}
		this.evicted.increment(dropped);
		audit.info(action.tag() + " by " + username + " from " + address
				+ ((entry.target() != null) ? " target=" + entry.target() : "")
				+ ((entry.detail() != null) ? " detail=" + entry.detail() : ""));
	}

	/**
	 * What users were shown, and one log line per action: control characters (a newline would
	 * forge a second audit line) and invisible format characters are removed, a TAB is spelled out.
	 */
	private static String clean(String text) {
		return (text != null) ? TextSanitizer.clean(text).replace("\t", "\\t") : null;
	}

	/** Entries kept. */
	public int size() {
		synchronized (this.entries) {
			return this.entries.size();
		}
	}

	private double estimatedBytes() {
		synchronized (this.entries) {
			return this.bytes;
		}
	}

	/** Up to {@code limit} entries, newest first, after skipping the {@code offset} newest. */
	public List<AuditEntry> newestFirst(int offset, int limit) {
		synchronized (this.entries) {
			List<AuditEntry> page = new ArrayList<>(Math.max(0, Math.min(limit, this.entries.size() - offset)));
			Iterator<AuditEntry> it = this.entries.iterator();
			// walking is cheap: 100,000 references in well under a millisecond
			for (int skipped = 0; skipped < offset && it.hasNext(); skipped++) {
				it.next();
			}
			while (page.size() < limit && it.hasNext()) {
				page.add(it.next());
			}
			return page;
		}
	}

}
