package com.chatrelay.admin.api;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;

import com.chatrelay.admin.audit.AuditAction;
import com.chatrelay.admin.audit.AuditTrail;
import com.chatrelay.chat.Ban;
import com.chatrelay.chat.BanEnforcement;
import com.chatrelay.chat.ChatServer;
import com.chatrelay.chat.ClusterUnavailableException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Bans of names and addresses: in memory when standalone (lost at restart), in Redis when
 * clustered. Also under {@code /admin/api/bans} for the console's session.
 */
@RestController
@RequestMapping({ "/api/bans", "/admin/api/bans" })
@AdminApiDocs
class BanController {

	private final BanEnforcement bans;

	private final AuditTrail audit;

	BanController(ChatServer server, AuditTrail audit) {
		this.bans = server.bans();
		this.audit = audit;
	}

	@GetMapping
	@Operation(summary = "The active bans, oldest first; all of them, or a page of those matching q",
			description = "Without parameters: every active ban. With q, offset or limit: the matching bans from offset, "
					+ "at most limit of them (all when limit is absent), with X-Total-Count (how many match) and a Link "
					+ "to the next and previous pages")
	@ApiResponse(responseCode = "200", description = "The bans")
	@ProblemResponse(responseCode = "400", description = "A negative offset, a limit under 1 or a q over 100 characters")
	ResponseEntity<List<Ban>> bans(
			@Parameter(description = "Part of a banned name or address (a CIDR block as text), a ban id, or an address a banned block holds")
			@RequestParam(required = false) @Size(max = BanFilter.MAX_LENGTH) String q,
			@Parameter(description = "Bans to skip") @RequestParam(defaultValue = "0") @Min(0) int offset,
			@Parameter(description = "Bans at most; absent: all") @RequestParam(required = false) @Min(1) Integer limit) {
		List<Ban> active = this.bans.active();
		if (q == null && offset == 0 && limit == null) {
			return ResponseEntity.ok(active); // SPEC's bare call: every active ban
		}
		List<Ban> matching = active.stream().filter(BanFilter.of(q)).toList();
		int size = (limit != null) ? limit : Math.max(1, matching.size());
		return Paging.answer(Paging.slice(matching, offset, size), matching.size(), offset, size);
	}

	@GetMapping("/{id}")
	@Operation(summary = "One active ban")
	@ApiResponse(responseCode = "200", description = "The ban")
	@ProblemResponse(responseCode = "404", description = "No active ban has that id")
	Ban ban(@PathVariable String id) {
		return this.bans.find(id).orElseThrow(() -> noSuchBan(id));
	}

	@PostMapping
	@Operation(summary = "Ban a name or an address; the users it matches are disconnected at once")
	@ApiResponse(responseCode = "201", description = "The ban, at the Location")
	@ProblemResponse(responseCode = "400", description = "Not exactly one of name and address, a bad name, address or duration, a reason over 200 characters, or malformed JSON")
	@ProblemResponse(responseCode = "503", description = "Clustered, and Redis cannot be reached: nobody is banned")
	ResponseEntity<Ban> ban(@RequestBody BanRequest request) {
		Ban ban;
		try {
			ban = this.bans.ban(request.name(), request.address(), request.reason(), duration(request.duration()));
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage());
		}
		catch (ClusterUnavailableException ex) {
			throw unavailable();
		}
		this.audit.record(AuditAction.BAN, ban.target(), ban.reason());
		URI location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(ban.id()).toUri();
		return ResponseEntity.created(location).body(ban);
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "End a ban")
	@ApiResponse(responseCode = "204", description = "The ban is over")
	@ProblemResponse(responseCode = "404", description = "No active ban has that id")
	void unban(@PathVariable String id) {
		Ban ban;
		try {
			ban = this.bans.unban(id).orElseThrow(() -> noSuchBan(id));
		}
		catch (ClusterUnavailableException ex) {
			throw unavailable();
		}
		this.audit.record(AuditAction.UNBAN, ban.target(), "ban " + ban.id());
	}

	/** Longer is permanent in practice, and an expiry past Instant.MAX would overflow. */
	static final Duration MAX_DURATION = Duration.ofDays(365L * 100);

	private static Duration duration(String text) {
		if (text == null) {
			return null;
		}
		Duration duration;
		try {
			duration = Duration.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("duration is not an ISO-8601 duration such as PT1H: " + text);
		}
		if (duration.compareTo(MAX_DURATION) > 0) {
			throw new IllegalArgumentException("duration is longer than " + MAX_DURATION.toDays()
					+ " days; leave it out for a permanent ban");
		}
		return duration;
	}

	/** Clustered, a ban that only this replica knew would not be a ban: refuse it instead. */
	private static ResponseStatusException unavailable() {
		return new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
				"the cluster's ban list (Redis) cannot be reached; nothing was changed, try again");
	}

	private static ResponseStatusException noSuchBan(String id) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "no active ban with id " + id);
	}

}
