package com.chatrelay.admin;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.chatrelay.chat.TextSanitizer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The admin actions that changed something for users: the last {@link #KEPT} for the API, and
 * each one at INFO on the logger {@code chat.audit}, for whoever keeps logs longer.
 */
@Component
class AuditTrail {

	static final int KEPT = 1000;

	private static final Log audit = LogFactory.getLog("chat.audit");

	private final Clock clock;

	// guarded by itself
	private final ArrayDeque<AuditEntry> entries = new ArrayDeque<>();

	AuditTrail() {
		this(Clock.systemUTC());
	}

	AuditTrail(Clock clock) {
		this.clock = clock;
	}

	/** Records an action of the admin of the current request. */
	void record(AuditAction action, String target, String detail) {
		Authentication who = SecurityContextHolder.getContext().getAuthentication();
		String username = (who != null) ? who.getName() : null;
		String address = (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request)
				? request.getRequest().getRemoteAddr() : null;
		AuditEntry entry = new AuditEntry(this.clock.instant(), username, address, action.tag(), clean(target),
				clean(detail));
		synchronized (this.entries) {
			this.entries.addFirst(entry);
			if (this.entries.size() > KEPT) {
				this.entries.removeLast();
			}
		}
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

	/** Newest first. */
	List<AuditEntry> newestFirst() {
		synchronized (this.entries) {
			List<AuditEntry> copy = new ArrayList<>(this.entries.size());
			for (Iterator<AuditEntry> it = this.entries.iterator(); it.hasNext();) {
				copy.add(it.next());
			}
			return copy;
		}
	}

}
