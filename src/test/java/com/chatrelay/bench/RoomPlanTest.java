package com.chatrelay.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Where the load generator puts its clients (rooms, replicas) and whom each line is owed to, without a relay. */
class RoomPlanTest {

	@Test
	void withoutRoomsEveryLineIsOwedToEveryOtherReaderAndClientsAlternateReplicasAsBefore() {
		RoomPlan plan = new RoomPlan(100, 10, 1, 1, 2, RoomPlan.Spread.ACROSS);
		assertThat(plan.inRooms()).isFalse();
		for (int i = 0; i < 100; i++) {
			assertThat(plan.replicaOf(i)).as("client %d", i).isEqualTo(i % 2);
			assertThat(plan.slotOf(i)).isEqualTo(i);
			assertThat(plan.roomOf(i)).isZero();
		}
		assertThat(plan.receiversOf(0)).isEqualTo(100 - 1 - 1);
		assertThat(plan.receiversOf(9)).isEqualTo(98);
		assertThat(plan.sendersIn(0)).isEqualTo(10);
		assertThat(plan.routedTo(9, 50)).isTrue();
		// a sender this run does not have (another generator's index) is never ours
		assertThat(plan.routedTo(10, 50)).isFalse();
	}

	@Test
	void scenarioS6Owes18000DeliveriesForItsSecondOf2000Lines() {
		BenchOptions s6 = BenchOptions.parse(new String[] { "--clients=2000", "--senders=2000", "--rate=2000",
				"--rooms=200" });
		RoomPlan plan = s6.plan();
		long owed = 0;
		int[] members = new int[200];
		for (int client = 0; client < 2000; client++) {
			owed += plan.receiversOf(client);
			members[plan.roomOf(client)]++;
		}
		assertThat(owed).isEqualTo(18_000);
		assertThat(members).containsOnly(10);
		for (int room = 0; room < 200; room++) {
			assertThat(plan.sendersIn(room)).isEqualTo(10);
			assertThat(plan.readersIn(room)).isEqualTo(10);
		}
		// every client sends one line a second: the interval the generator paces each sender at
		assertThat(Math.round(s6.senders() * 1_000_000_000d / s6.rate())).isEqualTo(1_000_000_000L);
	}

	@Test
	void sendersAndStuckReadersAreSpreadOverTheRoomsAndOnlyReadersAreOwedLines() {
		// 11 clients in 3 rooms: #r0 {0,3,6,9}, #r1 {1,4,7,10}, #r2 {2,5,8}; senders 0..3, stuck 9 and 10
		RoomPlan plan = new RoomPlan(11, 4, 2, 3, 1, RoomPlan.Spread.ACROSS);
		assertThat(List.of(plan.sendersIn(0), plan.sendersIn(1), plan.sendersIn(2))).containsExactly(2, 1, 1);
		assertThat(List.of(plan.readersIn(0), plan.readersIn(1), plan.readersIn(2))).containsExactly(3, 3, 3);
		assertThat(plan.receiversOf(0)).isEqualTo(2); // 3 and 6; 9 is stuck
		assertThat(plan.receiversOf(3)).isEqualTo(2); // 0 and 6
		assertThat(plan.receiversOf(1)).isEqualTo(2); // 4 and 7; 10 is stuck
		// a sender's slot among its room's senders indexes what a reader there saw
		assertThat(plan.slotOf(0)).isZero();
		assertThat(plan.slotOf(3)).isOne();
		assertThat(plan.slotOf(2)).isZero();
	}

	@Test
	void aLineIsRoutedOnlyToTheMembersOfItsRoom() {
		RoomPlan plan = new RoomPlan(6, 6, 0, 3, 1, RoomPlan.Spread.ACROSS);
		assertThat(plan.routedTo(0, 3)).isTrue();
		assertThat(plan.routedTo(3, 0)).isTrue();
		assertThat(plan.routedTo(0, 1)).isFalse();
		assertThat(plan.routedTo(5, 4)).isFalse();
		assertThat(plan.routedTo(-1, 0)).isFalse();
		assertThat(plan.routedTo(6, 0)).isFalse();
	}

	@Test
	void acrossPutsEveryRoomOnEveryReplicaAndTogetherPutsEachRoomOnOne() {
		RoomPlan across = new RoomPlan(2000, 2000, 0, 200, 2, RoomPlan.Spread.ACROSS);
		RoomPlan together = new RoomPlan(2000, 2000, 0, 200, 2, RoomPlan.Spread.TOGETHER);
		List<Set<Integer>> acrossReplicas = replicasPerRoom(across, 2000, 200);
		List<Set<Integer>> togetherReplicas = replicasPerRoom(together, 2000, 200);
		int[] perReplica = new int[2];
		for (int room = 0; room < 200; room++) {
			assertThat(acrossReplicas.get(room)).as("room %d across", room).containsExactlyInAnyOrder(0, 1);
			assertThat(togetherReplicas.get(room)).as("room %d together", room).hasSize(1);
			perReplica[togetherReplicas.get(room).iterator().next()]++;
		}
		assertThat(perReplica).containsExactly(100, 100);
		// across: each room's 10 members alternate, 5 on each replica
		long onFirst = java.util.stream.IntStream.range(0, 2000)
			.filter((client) -> across.roomOf(client) == 7 && across.replicaOf(client) == 0)
			.count();
		assertThat(onFirst).isEqualTo(5);
	}

	@Test
	void roomsAreNamedAfterTheirNumberAndMustBeBetweenOneAndTheClients() {
		assertThat(RoomPlan.roomName(0)).isEqualTo("#r0");
		assertThat(RoomPlan.roomName(199)).isEqualTo("#r199");
		assertThatIllegalArgumentException().isThrownBy(() -> new RoomPlan(5, 1, 0, 0, 1, RoomPlan.Spread.ACROSS));
		assertThatIllegalArgumentException().isThrownBy(() -> new RoomPlan(5, 1, 0, 6, 1, RoomPlan.Spread.ACROSS));
		assertThat(RoomPlan.Spread.parse(" Together ")).isEqualTo(RoomPlan.Spread.TOGETHER);
		assertThat(RoomPlan.Spread.ACROSS).hasToString("across");
		assertThatIllegalArgumentException().isThrownBy(() -> RoomPlan.Spread.parse("everywhere"))
			.withMessageContaining("across or together");
	}

	@Test
	void answersToTheClientAreToldApartFromNoticesAboutOthers() {
		assertThat(RoomHandshake.answers("[SERVER] error: unknown command /join; try /help")).isTrue();
		assertThat(RoomHandshake.answers("[SERVER] you left #r1")).isTrue();
		assertThat(RoomHandshake.answers("[SERVER] #r0 is now your active room")).isTrue();
		assertThat(RoomHandshake.answers("[SERVER] b7 joined #r3")).isFalse();
		assertThat(RoomHandshake.answers("[SERVER] b7 joined the chat")).isFalse();
		assertThat(RoomHandshake.answers("[b7] B 0 1 2 3 xxx")).isFalse();
		assertThat(RoomHandshake.failure("[SERVER] error: unknown command /join; try /help", "/join #r0",
				"does it support rooms (SPEC §9)?"))
			.isEqualTo("the relay answered '[SERVER] error: unknown command /join; try /help' to /join #r0: "
					+ "does it support rooms (SPEC §9)?");
	}

	private static List<Set<Integer>> replicasPerRoom(RoomPlan plan, int clients, int rooms) {
		List<Set<Integer>> replicas = new ArrayList<>();
		for (int room = 0; room < rooms; room++) {
			replicas.add(new HashSet<>());
		}
		for (int client = 0; client < clients; client++) {
			replicas.get(plan.roomOf(client)).add(plan.replicaOf(client));
		}
		return replicas;
	}

}
