package com.chatrelay.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load generator with {@code --rooms} over real loopback sockets, against a scripted stand-in
 * for a relay with rooms (the relay has none yet): each client takes its room, every line is owed
 * to its room's other readers only, a line outside its room is misrouted, and a relay without
 * rooms stops the run with its answer.
 */
class BenchRoomsTest {

	@Test
	void linesReachTheirRoomOnlyAndEachIsOwedToTheRoomsOtherMembers() throws Exception {
		try (FakeRoomRelay relay = new FakeRoomRelay(FakeRoomRelay.Mode.ROOMS, 1)) {
			// #r0 {0,3,6}, #r1 {1,4,7}, #r2 {2,5,8}: 2 receivers a line
			JsonNode result = bench(relay, "--clients=9", "--senders=9", "--rate=90", "--rooms=3", "--name-prefix=room");
			assertThat(result.get("rooms").asInt()).isEqualTo(3);
			assertThat(result.get("sent").asLong()).isBetween(60L, 120L);
			assertThat(result.get("expected").asLong()).isEqualTo(result.get("sent").asLong() * 2);
			assertThat(result.get("delivered").asLong()).isEqualTo(result.get("expected").asLong());
			assertThat(result.get("lost").asLong()).isZero();
			assertThat(result.get("misrouted").asLong()).isZero();
			assertThat(result.get("duplicated").asLong()).isZero();
			assertThat(result.get("errors").asLong()).isZero();
			assertThat(result.get("passed").asBoolean()).isEqualTo(result.get("p99Ms").asDouble() < 100);
		}
	}

	@Test
	void aLineDeliveredOutsideItsRoomIsCountedAsMisroutedAndFailsTheRun() throws Exception {
		try (FakeRoomRelay relay = new FakeRoomRelay(FakeRoomRelay.Mode.IGNORES_ROOMS, 1)) {
			// 2 senders, #r0 {0,2,4} and #r1 {1,3,5}: each line owed to 2, and sent to the other room's 3 too
			JsonNode result = bench(relay, "--clients=6", "--senders=2", "--rate=40", "--rooms=2", "--name-prefix=leak");
			long sent = result.get("sent").asLong();
			assertThat(sent).isPositive();
			assertThat(result.get("expected").asLong()).isEqualTo(sent * 2);
			assertThat(result.get("delivered").asLong()).isEqualTo(sent * 2);
			assertThat(result.get("misrouted").asLong()).isEqualTo(sent * 3);
			assertThat(result.get("lost").asLong()).isZero();
			assertThat(result.get("passed").asBoolean()).isFalse();
		}
	}

	@Test
	void aLineInTheFormOfARoomTheReaderIsNotActiveInIsMisrouted() throws Exception {
		try (FakeRoomRelay relay = new FakeRoomRelay(FakeRoomRelay.Mode.ALWAYS_PREFIXED, 1)) {
			// each reader is in one room, its active one: "#r0 [b3] ..." means the relay got its rooms wrong
			JsonNode result = bench(relay, "--clients=4", "--senders=2", "--rate=40", "--rooms=2", "--drain=500ms",
					"--late-wait=200ms", "--name-prefix=form");
			long sent = result.get("sent").asLong();
			assertThat(sent).isPositive();
			assertThat(result.get("misrouted").asLong()).isEqualTo(sent);
			assertThat(result.get("delivered").asLong()).isZero();
			assertThat(result.get("lost").asLong()).isEqualTo(sent);
			assertThat(result.get("passed").asBoolean()).isFalse();
		}
	}

	@Test
	void overTwoReplicasAcrossPutsEveryRoomOnBothAndTogetherEachRoomOnOne() throws Exception {
		try (FakeRoomRelay relay = new FakeRoomRelay(FakeRoomRelay.Mode.ROOMS, 2)) {
			JsonNode across = bench(relay, "--ports=" + relay.ports(), "--clients=8", "--senders=8", "--rate=80",
					"--rooms=4", "--room-spread=across", "--name-prefix=across");
			assertThat(across.get("roomSpread").asString()).isEqualTo("across");
			assertThat(across.get("delivered").asLong()).isEqualTo(across.get("expected").asLong()).isPositive();
			// two members a room, one on each replica: every delivery crossed
			assertThat(across.get("crossReplicaDelivered").asLong()).isEqualTo(across.get("delivered").asLong());
			for (int room = 0; room < 4; room++) {
				assertThat(Set.of(relay.portOf.get("across" + room), relay.portOf.get("across" + (room + 4))))
					.as("#r%d across", room)
					.containsExactlyInAnyOrder(0, 1);
			}
			JsonNode together = bench(relay, "--ports=" + relay.ports(), "--clients=8", "--senders=8", "--rate=80",
					"--rooms=4", "--room-spread=together", "--name-prefix=together");
			assertThat(together.get("delivered").asLong()).isEqualTo(together.get("expected").asLong()).isPositive();
			assertThat(together.get("crossReplicaDelivered").asLong()).isZero();
			assertThat(together.get("misrouted").asLong()).isZero();
			Set<Integer> used = new HashSet<>();
			for (int room = 0; room < 4; room++) {
				int port = relay.portOf.get("together" + room);
				assertThat(relay.portOf.get("together" + (room + 4))).as("#r%d together", room).isEqualTo(port);
				used.add(port);
			}
			assertThat(used).containsExactlyInAnyOrder(0, 1);
		}
	}

	@Test
	void aRelayWithoutRoomsStopsTheRunWithItsAnswer() throws Exception {
		try (FakeRoomRelay relay = new FakeRoomRelay(FakeRoomRelay.Mode.NO_ROOMS, 1)) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			int code = BenchCommand.run(new String[] { "--ports=" + relay.ports(), "--clients=4", "--senders=1",
					"--rooms=2", "--name-prefix=old" }, new PrintStream(out, true, StandardCharsets.UTF_8));
			assertThat(code).isOne();
			assertThat(out.toString(StandardCharsets.UTF_8)).contains("bench: failed: the relay answered "
					+ "'[SERVER] error: unknown command /join; try /help' to /join #r");
			assertThat(out.toString(StandardCharsets.UTF_8)).contains(": does it support rooms (SPEC §9)?");
		}
	}

	@Test
	void aDefaultRoomTheRelayDoesNotHaveIsNamedInTheFailure() throws Exception {
		try (FakeRoomRelay relay = new FakeRoomRelay(FakeRoomRelay.Mode.ROOMS, 1)) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			int code = BenchCommand.run(new String[] { "--ports=" + relay.ports(), "--clients=4", "--senders=1",
					"--rooms=2", "--default-room=hall", "--name-prefix=hall" },
					new PrintStream(out, true, StandardCharsets.UTF_8));
			assertThat(code).isOne();
			assertThat(out.toString(StandardCharsets.UTF_8)).contains("the relay answered '[SERVER] error: you are not in "
					+ "#hall' to /part #hall: is its default room #hall (--default-room)?");
		}
	}

	private static JsonNode bench(FakeRoomRelay relay, String... options) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		String[] args = new String[options.length + 4];
		args[0] = "--ports=" + relay.ports();
		args[1] = "--duration=1s";
		args[2] = "--warmup=300ms";
		args[3] = "--drain=2s";
		System.arraycopy(options, 0, args, 4, options.length);
		BenchCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8));
		String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
		assertThat(lines[lines.length - 1]).as(String.join("\n", lines)).startsWith("{");
		return new ObjectMapper().readTree(lines[lines.length - 1]);
	}

}
