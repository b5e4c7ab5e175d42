package com.chatrelay.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static com.chatrelay.chat.RoomFixture.name;
import static org.assertj.core.api.Assertions.assertThat;

/** Join and part storms from many threads (the reading thread, the admin API, the cluster) leave the rooms consistent. */
class RoomsConcurrencyTest {

	@Test
	void joinPartAndCloseStormsLeaveEveryCountTrue() throws Exception {
		RoomFixture fixture = new RoomFixture(new RoomSettings("lobby", 10_000, 5), 1000);
		Rooms rooms = fixture.rooms;
		List<Session> users = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			users.add(fixture.user("u" + i));
		}
		ExecutorService threads = Executors.newFixedThreadPool(4);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> done = new ArrayList<>();
		for (int t = 0; t < 4; t++) {
			int seed = t;
			done.add(threads.submit(() -> {
				start.await();
				for (int i = 0; i < 5_000; i++) {
					Session user = users.get((i * 7 + seed) % users.size());
					RoomName room = name("#r" + ((i + seed) % 6));
					switch (i % 5) {
						case 0, 1 -> rooms.join(user, room, RoomJoined.Confirm.NONE);
						case 2 -> rooms.part(user, room);
						case 3 -> rooms.part(user, null);
						default -> rooms.close(room);
					}
				}
				return null;
			}));
		}
		start.countDown();
		for (Future<?> future : done) {
			future.get(60, TimeUnit.SECONDS);
		}
		threads.shutdown();
		int memberships = 0;
		for (Session user : users) {
			Membership membership = rooms.of(user);
			memberships += membership.size();
			assertThat(membership.size()).isLessThanOrEqualTo(5);
			for (Room room : membership.rooms()) {
				assertThat(rooms.find(room.name())).as("a room a user is in exists").isSameAs(room);
				Room.Local local = room.local();
				boolean active = List.of(local.active()).contains(user);
				boolean elsewhere = List.of(local.elsewhere()).contains(user);
				assertThat(active ^ elsewhere).as("in exactly one array").isTrue();
				assertThat(active).as("active where the membership says").isEqualTo(membership.active() == room);
			}
			if (membership.active() != null) {
				assertThat(membership.rooms()).contains(membership.active());
			}
		}
		int members = 0;
		for (Room room : rooms.all()) {
			members += room.members();
			assertThat(room.members() > 0 || room.isDefault()).as(room + " exists while it has a member").isTrue();
		}
		assertThat(members).isEqualTo(memberships);
		assertThat(rooms.occupiedHere()).isEqualTo((int) rooms.all().stream().filter((room) -> room.localCount() > 0).count());
	}

}
