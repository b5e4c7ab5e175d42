package com.chatrelay.admin.api;

import com.chatrelay.admin.audit.AuditAction;
import com.chatrelay.admin.audit.AuditTrail;
import com.chatrelay.chat.ChatServer;
import com.chatrelay.chat.ClusterUnavailableException;
import com.chatrelay.chat.Reasons;
import com.chatrelay.chat.UserView;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/** An administrator's kick, from the API or the Actuator endpoint: checked, done, and audited once. */
@Component
class Kicks {

	private final ChatServer server;

	private final AuditTrail audit;

	Kicks(ChatServer server, AuditTrail audit) {
		this.server = server;
		this.audit = audit;
	}

	/**
	 * Disconnects a user of any replica; they read why, the others see {@code (kicked: reason)}.
	 * @return false when nobody has that name
	 * @throws IllegalArgumentException for a reason over {@link Reasons#MAX_LENGTH} characters
	 * @throws ClusterUnavailableException when the user's replica cannot be reached
	 */
	boolean kick(String name, @Nullable String reason) {
		Reasons.check(reason);
		// the audit names the user as they are known, not the look-alike form an admin may have typed
		String target = this.server.user(name).map(UserView::name).orElse(name);
		if (!this.server.kick(name, reason)) {
			return false;
		}
		this.audit.record(AuditAction.KICK, target, reason);
		return true;
	}

}
