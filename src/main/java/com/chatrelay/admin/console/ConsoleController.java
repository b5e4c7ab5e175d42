package com.chatrelay.admin.console;

import java.util.List;
import java.util.function.Predicate;

import com.chatrelay.ChatProperties;
import com.chatrelay.admin.api.AuditController;
import com.chatrelay.admin.api.BanFilter;
import com.chatrelay.admin.api.Search;
import com.chatrelay.admin.api.StatsResponse;
import com.chatrelay.admin.audit.AuditEntry;
import com.chatrelay.admin.audit.AuditTrail;
import com.chatrelay.chat.Ban;
import com.chatrelay.chat.ChatServer;
import com.chatrelay.chat.DisconnectRecord;
import com.chatrelay.chat.RoomName;
import com.chatrelay.chat.RoomView;
import com.chatrelay.chat.UserView;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the console polls (every second): everything it shows in one small answer, with one page of
 * the users, of the rooms, of the bans and of the audit. Its changes (kick, ban, unban, announce,
 * close a room) go to the API's own operations under {@code /admin/api}, with the console's session
 * instead of HTTP Basic.
 */
@RestController
@RequestMapping("/admin/api")
@Hidden
class ConsoleController {

	/** Rows of the disconnects the console shows. */
	static final int RECENT = 15;

	/** Bans on one page of the console. */
	static final int BANS_PER_PAGE = 100;

	/** Audit entries on one page of the console. */
	static final int AUDIT_PER_PAGE = 15;

	/** Rooms on one page of the console (there may be {@code chat.rooms.max-rooms} of them). */
	static final int ROOMS_PER_PAGE = 50;

	private final ChatServer server;

	private final AuditTrail audit;

	private final TrafficWindow traffic;

	private final boolean clustered;

	private final String defaultRoom;

	ConsoleController(ChatServer server, AuditTrail audit, TrafficWindow traffic, ChatProperties properties) {
		this.server = server;
		this.audit = audit;
		this.traffic = traffic;
		this.clustered = properties.cluster().enabled();
		this.defaultRoom = RoomName.ofBare(server.roomSettings().defaultRoom()).toString();
	}

	@GetMapping("/overview")
	ConsoleOverview overview(@RequestParam(defaultValue = "") @Size(max = 100) String filter,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int size,
			@RequestParam(defaultValue = "") @Size(max = BanFilter.MAX_LENGTH) String bansFilter,
			@RequestParam(defaultValue = "0") @Min(0) int bansPage,
			@RequestParam(defaultValue = "0") @Min(0) int roomsPage,
			@RequestParam(defaultValue = "0") @Min(0) @Max(AuditController.MAX_LIMIT) int auditPage) {
		List<DisconnectRecord> disconnects = this.server.recentDisconnects();
		return new ConsoleOverview(StatsResponse.of(this.server.stats()), this.traffic.rates(), this.clustered,
				Page.of(this.server.users(), users(filter), page, size),
				List.copyOf(disconnects.subList(0, Math.min(RECENT, disconnects.size()))),
				Page.of(this.server.bans().active(), BanFilter.of(bansFilter), bansPage, BANS_PER_PAGE), audit(auditPage),
				this.server.limits().maxLineLength(), Page.of(this.server.rooms(), (room) -> true, roomsPage, ROOMS_PER_PAGE),
				this.defaultRoom);
	}

	private static Predicate<UserView> users(String filter) {
		String needle = Search.needle(filter);
		return (user) -> needle.isEmpty() || Search.contains(user.name(), needle)
				|| Search.contains(user.remoteAddress(), needle);
	}

	private Page<AuditEntry> audit(int page) {
		int kept = this.audit.size();
		List<AuditEntry> rows = this.audit.newestFirst(page * AUDIT_PER_PAGE, AUDIT_PER_PAGE);
		return new Page<>(kept, kept, page, AUDIT_PER_PAGE, rows);
	}

	/**
	 * One poll's answer.
	 * @param stats as {@code GET /api/stats}
	 * @param rates messages per second and relay latency p99 over the last seconds
	 * @param clustered whether users carry the replica they are on
	 * @param users the page of users asked for, sorted by name
	 * @param disconnects the latest closed connections, newest first
	 * @param bans the page of active bans asked for, oldest first
	 * @param audit the page of admin actions asked for, newest first
	 * @param announcementMaxBytes the longest announcement in bytes of UTF-8 (the line-length limit)
	 * @param rooms the page of rooms asked for, sorted by name (without their users)
	 * @param defaultRoom the room that cannot be closed, with its {@code #}
	 */
	record ConsoleOverview(StatsResponse stats, TrafficWindow.Rates rates, boolean clustered, Page<UserView> users,
			List<DisconnectRecord> disconnects, Page<Ban> bans, Page<AuditEntry> audit, int announcementMaxBytes,
			Page<RoomView> rooms, String defaultRoom) {
	}

}
