package com.chatrelay.admin.errors;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counts {@link RefusedRequest}s in {@code chat_admin_requests_refused_total{reason}}. */
final class RefusedRequests {

	private final Map<RefusedRequest, Counter> counters = new EnumMap<>(RefusedRequest.class);

	RefusedRequests(MeterRegistry registry) {
		// every reason at once, so that each shows as 0 before it first happens
		for (RefusedRequest reason : RefusedRequest.values()) {
			this.counters.put(reason, Counter.builder("chat.admin.requests.refused")
				.description("HTTP requests refused before any admin operation saw them")
				.tag("reason", reason.tag())
				.register(registry));
		}
	}

	void count(RefusedRequest reason) {
		this.counters.get(reason).increment();
	}

}
