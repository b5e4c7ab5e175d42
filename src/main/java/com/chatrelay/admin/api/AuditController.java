package com.chatrelay.admin.api;

import java.util.List;

import com.chatrelay.admin.audit.AuditEntry;
import com.chatrelay.admin.audit.AuditTrail;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail, newest first, a page at a time: {@code GET /api/audit?offset=&limit=}. */
@RestController
@RequestMapping({ "/api/audit", "/admin/api/audit" })
@AdminApiDocs
public class AuditController {

	/** Entries of the bare call (SPEC: the last 1000), and of a page whose limit is not given. */
	static final int DEFAULT_LIMIT = 1000;

	/** Entries of one page at most: an announcement entry can hold 4 KB of text. */
	public static final int MAX_LIMIT = 10_000;

	private final AuditTrail audit;

	AuditController(AuditTrail audit) {
		this.audit = audit;
	}

	@GetMapping
	@Operation(summary = "Admin actions (kick, ban, unban, announce), newest first: the last 1000, or the page asked for",
			description = "offset skips the newest entries, limit (1 to 10000, default 1000) bounds the page; "
					+ "X-Total-Count says how many entries are kept (chat.admin.audit-retention at most) and Link "
					+ "points to the next and previous pages. Every entry is also logged at INFO on chat.audit.")
	@ApiResponse(responseCode = "200", description = "The entries")
	@ProblemResponse(responseCode = "400", description = "A negative offset or a limit outside 1 to 10000")
	ResponseEntity<List<AuditEntry>> audit(
			@Parameter(description = "Newest entries to skip") @RequestParam(defaultValue = "0") @Min(0) int offset,
			@Parameter(description = "Entries at most") @RequestParam(defaultValue = "" + DEFAULT_LIMIT) @Min(1) @Max(MAX_LIMIT) int limit) {
		// the count first: entries recorded meanwhile are counted, not missed (they shift the pages by as many)
		int kept = this.audit.size();
		List<AuditEntry> page = this.audit.newestFirst(offset, limit);
		return Paging.answer(page, Math.max(kept, offset + page.size()), offset, limit);
	}

}
