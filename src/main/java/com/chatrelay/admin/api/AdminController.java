package com.chatrelay.admin.api;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.chatrelay.admin.audit.AuditAction;
import com.chatrelay.admin.audit.AuditTrail;
import com.chatrelay.chat.ChatServer;
import com.chatrelay.chat.DisconnectRecord;
import com.chatrelay.chat.RoomView;
import com.chatrelay.chat.UserView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
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

/**
 * The admin REST API: who is connected, stats, forced disconnects, announcements. The console calls
 * the same operations under {@code /admin/api} with its session (and a CSRF token) instead of HTTP Basic.
 */
@RestController
@RequestMapping({ "/api", "/admin/api" })
@AdminApiDocs
class AdminController {

	private final ChatServer server;

	private final AuditTrail audit;

	private final Kicks kicks;

	AdminController(ChatServer server, AuditTrail audit, Kicks kicks) {
		this.server = server;
		this.audit = audit;
		this.kicks = kicks;
	}

	@GetMapping("/users")
	@Operation(summary = "Connected users, sorted by name ignoring case")
	List<UserView> users() {
		return this.server.users();
	}

	@GetMapping("/users/{name}")
	@Operation(summary = "One user; the name is matched ignoring case")
	@ApiResponse(responseCode = "200", description = "The user")
	@ProblemResponse(responseCode = "404", description = "Nobody has that name")
	UserView user(@PathVariable String name) {
		return this.server.user(name).orElseThrow(() -> noSuchUser(name));
	}

	@DeleteMapping("/users/{name}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Disconnect a user; they are told why, the others see (kicked: reason)")
	@ApiResponse(responseCode = "204", description = "The user is gone")
	@ProblemResponse(responseCode = "400", description = "A reason over 200 characters")
	@ProblemResponse(responseCode = "404", description = "Nobody has that name")
	void disconnect(@PathVariable String name,
			@Parameter(description = "Shown to the user and in the leave notice") @RequestParam(required = false) String reason) {
		boolean kicked;
		try {
			kicked = this.kicks.kick(name, reason);
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage());
		}
		if (!kicked) {
			throw noSuchUser(name);
		}
	}

	@GetMapping("/stats")
	@Operation(summary = "Counts for the whole relay")
	StatsResponse stats() {
		return StatsResponse.of(this.server.stats());
	}

	@GetMapping("/disconnects")
	@Operation(summary = "The most recent closed connections, newest first (the last 1000)")
	List<DisconnectRecord> disconnects() {
		return this.server.recentDisconnects();
	}

	@PostMapping("/announcements")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Send [SERVER] <text> to every user, or with room to that room's members only",
			description = "With room (#ops): its members whose active room it is not read #ops [SERVER] <text>")
	@ApiResponse(responseCode = "202", description = "Queued to every user, or to the room's members")
	@ProblemResponse(responseCode = "400", description = "Blank text, text over the line-length limit (4096 bytes of UTF-8 by default), an unknown field, or malformed JSON")
	@ProblemResponse(responseCode = "404", description = "No room has the name given as room")
	void announce(@Valid @RequestBody Announcement announcement) {
		// an announcement is one line: a line break (typed in the console's box) separates words, it does not vanish
		String text = announcement.text().replaceAll("\\R", " ");
		int max = this.server.limits().maxLineLength();
		int bytes = text.getBytes(StandardCharsets.UTF_8).length;
		if (bytes > max) {
			// the limit is the chat line's, in bytes: say so, or 2,500 "é" (5,000 bytes) looks like a bug
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "text is " + bytes + " bytes of UTF-8, over the "
					+ "limit of " + max + " bytes (chat.tcp.max-line-length): a letter such as é takes 2 bytes, "
					+ "most Chinese, Japanese and Korean characters 3, an emoji 4");
		}
		if (ChatServer.isBlankAfterSanitizing(text)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "text is blank once control characters are removed");
		}
		String room = announcement.room();
		String target = null;
		if (room == null) {
			this.server.announce(text);
		}
		else {
			// the audit names the room as it was created, not as typed
			target = this.server.room(room).map(RoomView::name).orElseThrow(() -> RoomController.noSuchRoom(room));
			if (!this.server.announce(room, text)) {
				throw RoomController.noSuchRoom(room); // closed meanwhile
			}
		}
		this.audit.record(AuditAction.ANNOUNCE, target, text);
	}

	private static ResponseStatusException noSuchUser(String name) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "no user named " + name);
	}

}
