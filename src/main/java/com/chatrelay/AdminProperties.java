package com.chatrelay;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The admin user of the REST API and the console ({@code chat.admin.*}), and what the API keeps.
 * @param username admin API user (HTTP Basic)
 * @param password its password; generated and logged once at start-up when not set
 * @param auditRetention admin actions {@code GET /api/audit} keeps in memory (1000 to 10,000,000;
 * the oldest go first); every one is also logged on {@code chat.audit}
 * @param auditMemory the most heap those entries may take, estimated at 2 bytes a character (long
 * announcements); past it the oldest go, but the last 1000 always stay (1MB to 4GB)
 * @param maxRequestBody the largest request body the admin API reads; past it, a 413 problem. Keep it
 * at least 6 times {@code chat.tcp.max-line-length}, so that the longest announcement fits even
 * written all in six-character JSON escapes
 */
public record AdminProperties(@DefaultValue("admin") @NotBlank String username, String password,
		@DefaultValue("100000") @Min(1000) @Max(10_000_000) int auditRetention,
		@DefaultValue("64MB") @NotNull DataSize auditMemory,
		@DefaultValue("64KB") @NotNull DataSize maxRequestBody) {

	@AssertTrue(message = "chat.admin.audit-memory must be between 1MB and 4GB")
	public boolean isAuditMemoryValid() {
		return this.auditMemory == null
				|| (this.auditMemory.toBytes() >= 1024 * 1024 && this.auditMemory.toBytes() <= 4L * 1024 * 1024 * 1024);
	}

}
