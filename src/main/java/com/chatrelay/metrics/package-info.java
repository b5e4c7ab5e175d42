/**
 * The relay's Micrometer meters ({@code chat_*}), bounded in cardinality (no per-user labels):
 * the {@code chat} package's {@link com.chatrelay.chat.ChatMetrics} implemented on a registry, gauges,
 * and the accept-pause counter. May use {@code chat}.
 */
package com.chatrelay.metrics;
