package com.chatrelay.admin.api;

import java.util.List;

import com.chatrelay.admin.audit.AuditAction;
import com.chatrelay.admin.audit.AuditTrail;
import com.chatrelay.chat.ChatServer;
import com.chatrelay.chat.Reasons;
import com.chatrelay.chat.RoomCloseOutcome;
import com.chatrelay.chat.RoomView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The rooms (SPEC §9): list them, look one up, close one. Also under {@code /admin/api/rooms} for
 * the console's session. A room in a path is written without its {@code #}.
 */
@RestController
@RequestMapping({ "/api/rooms", "/admin/api/rooms" })
@AdminApiDocs
class RoomController {

	private final ChatServer server;

	private final AuditTrail audit;

	RoomController(ChatServer server, AuditTrail audit) {
		this.server = server;
		this.audit = audit;
	}

	@GetMapping
	@Operation(summary = "Every room with its member count, sorted by name ignoring case")
	List<RoomView> rooms() {
		return this.server.rooms();
	}

	@GetMapping("/{room}")
	@Operation(summary = "One room with its members, sorted; the name without its #, matched like a user name")
	@ApiResponse(responseCode = "200", description = "The room")
	@ProblemResponse(responseCode = "404", description = "No room has that name")
	RoomView room(@Parameter(description = "The room without its #, such as ops") @PathVariable String room) {
		return this.server.room(room).orElseThrow(() -> noSuchRoom(room));
	}

	@DeleteMapping("/{room}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Close a room: every member leaves it and reads [SERVER] #room was closed by an administrator: reason")
	@ApiResponse(responseCode = "204", description = "The room is closed")
	@ProblemResponse(responseCode = "400", description = "A reason over 200 characters")
	@ProblemResponse(responseCode = "404", description = "No room has that name")
	@ProblemResponse(responseCode = "409", description = "The default room, which always exists")
	void close(@Parameter(description = "The room without its #, such as ops") @PathVariable String room,
			@Parameter(description = "Shown to its members") @RequestParam(required = false) @Nullable String reason) {
		try {
			Reasons.check(reason);
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage());
		}
		// the audit names the room as it was created, not the look-alike form an admin may have typed
		String target = this.server.room(room).map(RoomView::name).orElse(room);
		RoomCloseOutcome outcome = this.server.closeRoom(room, reason);
		switch (outcome) {
			case CLOSED -> this.audit.record(AuditAction.CLOSE_ROOM, target, reason);
			case NO_SUCH_ROOM -> throw noSuchRoom(room);
			case DEFAULT_ROOM -> throw new ResponseStatusException(HttpStatus.CONFLICT,
					target + " is the default room (chat.rooms.default), which always exists");
		}
	}

	static ResponseStatusException noSuchRoom(String room) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "no room named " + room);
	}

}
