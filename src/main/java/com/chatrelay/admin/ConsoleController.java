package com.chatrelay.admin;

import java.util.List;

import com.chatrelay.ChatProperties;
import com.chatrelay.chat.Ban;
import com.chatrelay.chat.ChatRoom;
import com.chatrelay.chat.DisconnectRecord;
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
 * the users. Its changes (kick, ban, unban, announce) go to the API's own operations under
 * {@code /admin/api}, with the console's session instead of HTTP Basic.
 */
@RestController
@RequestMapping("/admin/api")
@Hidden
class ConsoleController {

	/** Rows of the disconnects and of the audit the console shows. */
	static final int RECENT = 15;

	/** Active bans the console lists at most; the count says how many there are. */
	static final int BANS_SHOWN = 100;

	private final ChatRoom room;

	private final AuditTrail audit;

	private final TrafficWindow traffic;

	private final boolean clustered;

	ConsoleController(ChatRoom room, AuditTrail audit, TrafficWindow traffic, ChatProperties properties) {
		this.room = room;
		this.audit = audit;
		this.traffic = traffic;
		this.clustered = properties.cluster().enabled();
	}

	@GetMapping("/overview")
	ConsoleOverview overview(@RequestParam(defaultValue = "") @Size(max = 100) String filter,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(UserPage.MAX_SIZE) int size) {
		List<Ban> bans = this.room.bans().active();
		return new ConsoleOverview(StatsResponse.of(this.room.stats()), this.traffic.rates(), this.clustered,
				UserPage.of(this.room.users(), filter, page, size), first(this.room.recentDisconnects(), RECENT),
				bans.size(), first(bans, BANS_SHOWN), first(this.audit.newestFirst(), RECENT));
	}

	private static <T> List<T> first(List<T> list, int count) {
		return List.copyOf(list.subList(0, Math.min(count, list.size())));
	}

	/**
	 * One poll's answer.
	 * @param stats as {@code GET /api/stats}
	 * @param rates messages per second and relay latency p99 over the last seconds
	 * @param clustered whether users carry the replica they are on
	 * @param users the page of users asked for
	 * @param disconnects the latest closed connections, newest first
	 * @param bansActive how many bans are active
	 * @param bans the active bans, oldest first, at most {@link #BANS_SHOWN}
	 * @param audit the latest admin actions, newest first
	 */
	record ConsoleOverview(StatsResponse stats, TrafficWindow.Rates rates, boolean clustered, UserPage users,
			List<DisconnectRecord> disconnects, int bansActive, List<Ban> bans, List<AuditEntry> audit) {
	}

}
