package com.chatrelay.admin.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of {@code POST /api/bans}: exactly one of name and address. */
record BanRequest(
		@Schema(description = "A user name; names confusable with it are banned too", example = "mallory") String name,
		@Schema(description = "An IPv4 or IPv6 address or CIDR block", example = "203.0.113.0/24") String address,
		@Schema(description = "Shown to the banned user and in the leave notice, at most 200 characters") String reason,
		@Schema(description = "ISO-8601; absent for a permanent ban", example = "PT1H") String duration) {
}
