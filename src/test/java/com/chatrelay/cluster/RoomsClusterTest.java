package com.chatrelay.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.chatrelay.chat.ChatServer;
import com.chatrelay.chat.RoomName;
import com.chatrelay.chat.RoomView;
import com.chatrelay.support.Http;
import com.chatrelay.support.RedisServer;
import com.chatrelay.support.TestClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rooms across two replicas and a real Redis (SPEC §9 "Clustered", §7's faults): lines in order
 * both ways, counts and {@code /who #room} of the whole cluster, a replica listening only to the
 * channels of rooms with members on it (Redis's own {@code PUBSUB NUMSUB} says who listens),
 * membership right again after Redis restarted empty, a killed replica's members gone with
 * {@code (replica lost)}. The two faults run last: they take Redis or a replica away.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RoomsClusterTest {

	@TempDir
	static Path work;

	private static RedisServer redis;

	private static Replica one;

	private static Replica two;

	private static RedisClient client;

	private static StatefulRedisConnection<String, String> probe;

	@BeforeAll
	static void startCluster() throws Exception {
		redis = RedisServer.start(work);
		// no rate limit: a test sends its lines in a burst
		one = Replica.start("one", redis.port(), "--chat.rate-limit.enabled=false");
		two = Replica.start("two", redis.port(), "--chat.rate-limit.enabled=false");
		StringRedisTemplate template = one.bean(StringRedisTemplate.class);
		await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
			.until(() -> template.convertAndSend(RedisKeys.CHANNEL, "probe: not a batch of events") == 2);
		client = RedisClient.create("redis://127.0.0.1:" + redis.port());
	}

	@AfterAll
	static void stopCluster() throws Exception {
		if (probe != null) {
			probe.close();
		}
		if (client != null) {
			client.shutdown();
		}
		for (AutoCloseable closeable : new AutoCloseable[] { one, two, redis }) {
			if (closeable != null) {
				closeable.close();
			}
		}
	}

	/** Nobody of the test before is left on either replica, and names can be claimed (after a Redis restart too). */
	@BeforeEach
	void everybodyLeft() {
		await().atMost(Duration.ofSeconds(25)).untilAsserted(() -> {
			TestClient.login(one.chatPort(), "probe-one").close();
			TestClient.login(two.chatPort(), "probe-two").close();
			assertThat(Http.json(one.admin().get("/api/users")).size()).isZero();
			assertThat(Http.json(two.admin().get("/api/users")).size()).isZero();
		});
	}

	/** How many replicas listen to the room's channel, as Redis counts them. */
	private static long listeners(String room) {
		if (probe == null || !probe.isOpen()) {
			probe = client.connect();
		}
		String channel = RedisKeys.room(RoomName.parse(room).key());
		Map<String, Long> counts = probe.sync().pubsubNumsub(channel);
		return counts.getOrDefault(channel, 0L);
	}

	/** A room's members as a replica's chat service lists them (sorted), none when it has no such room. */
	private static List<String> members(Replica replica, String room) {
		return replica.bean(ChatServer.class).room(room).map(RoomView::users).orElse(List.of());
	}

	/** Joins a room of {@code members} members (the cluster's), reading up to the confirmation. */
	private static void join(TestClient user, String room, int members) {
		join(user, room, room, members);
	}

	/** The same, where the room was created as {@code created} (another spelling of {@code room}). */
	private static void join(TestClient user, String room, String created, int members) {
		user.send("/join " + room);
		user.awaitLine("[SERVER] you joined " + created + " (" + (members + 1) + " members)");
	}

	/** Waits until both replicas list {@code count} members in the room: the joins crossed over. */
	private static void known(String room, int count) {
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(members(one, room)).hasSize(count);
			assertThat(members(two, room)).hasSize(count);
		});
	}

	@Test
	@Order(1)
	void aRoomsLinesReachItsMembersOnBothReplicasInOrderAndNobodyOutsideIt() {
		try (TestClient alice = TestClient.login(one.chatPort(), "alice"); TestClient bob = TestClient.login(two.chatPort(), "bob");
				TestClient dave = TestClient.login(two.chatPort(), "dave")) {
			alice.awaitLine("[SERVER] dave joined the chat");
			join(alice, "#ops", 0);
			known("ops", 1);
			join(bob, "#OPS", "#ops", 1); // the room keeps the spelling it was created with, on every replica
			alice.awaitLine("[SERVER] bob joined #ops");
			await().atMost(Duration.ofSeconds(5)).until(() -> listeners("#ops") == 2);
			for (int i = 0; i < 50; i++) {
				alice.send("from one " + i);
				bob.send("from two " + i);
			}
			int fromOne = 0;
			int fromTwo = 0;
			while (fromTwo < 50) {
				String line = alice.readLine();
				assertThat(line).isEqualTo("[bob] from two " + fromTwo++);
			}
			while (fromOne < 50) {
				String line = bob.readLine();
				assertThat(line).isEqualTo("[alice] from one " + fromOne++);
			}
			// dave, on bob's replica, is not in #ops: a private line is the next thing he reads
			alice.send("/msg dave marker");
			dave.expectLine("[alice -> you] marker");
			// a line from the default room reaches bob prefixed (his active room is #ops), dave as in §1
			dave.send("lobby line");
			alice.expectLine("#lobby [dave] lobby line");
			bob.expectLine("#lobby [dave] lobby line");
		}
	}

	@Test
	@Order(2)
	void countsAndWhoCoverBothReplicasAndPartsAndLeavesAreTold() {
		try (TestClient erin = TestClient.login(one.chatPort(), "erin"); TestClient fred = TestClient.login(two.chatPort(), "fred");
				TestClient gina = TestClient.login(two.chatPort(), "gina")) {
			erin.awaitLine("[SERVER] gina joined the chat");
			join(erin, "#ci", 0);
			known("ci", 1);
			join(fred, "#ci", 1);
			known("ci", 2);
			join(gina, "#ci", 2);
			erin.awaitLine("[SERVER] gina joined #ci");
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				erin.send("/who #ci");
				assertThat(erin.awaitLine((line) -> line.startsWith("[SERVER] #ci ("))).isEqualTo("[SERVER] #ci (3): erin, fred, gina");
			});
			erin.send("/rooms");
			erin.expectLine("[SERVER] rooms (2): #ci (3), #lobby (3)");
			fred.send("/rooms");
			fred.awaitLine("[SERVER] rooms (2): #ci (3), #lobby (3)");
			fred.send("/part #ci gone fishing");
			erin.awaitLine("[SERVER] fred left #ci (gone fishing)");
			gina.close();
			erin.awaitLine("[SERVER] gina left the chat (quit)"::startsWith);
			erin.send("/who #ci");
			erin.awaitLine("[SERVER] #ci (1): erin");
			fred.send("/who #ci");
			fred.awaitLine("[SERVER] #ci (1): erin");
		}
	}

	@Test
	@Order(3)
	void aReplicaListensOnlyToTheRoomsItHasMembersIn() {
		try (TestClient hana = TestClient.login(one.chatPort(), "hana"); TestClient ivan = TestClient.login(two.chatPort(), "ivan")) {
			join(hana, "#alpha", 0);
			join(ivan, "#beta", 0);
			await().atMost(Duration.ofSeconds(5)).until(() -> listeners("#alpha") == 1 && listeners("#beta") == 1);
			for (int i = 0; i < 20; i++) {
				ivan.send("beta only " + i);
			}
			// one is not subscribed to #beta, and hana reads none of it
			hana.send("/msg ivan marker");
			ivan.expectLine("[hana -> you] marker");
			ivan.send("/msg hana back");
			List<String> before = new ArrayList<>(); // ivan's join notice, and nothing of #beta: it would come first
			for (String line = hana.readLine(); !line.equals("[ivan -> you] back"); line = hana.readLine()) {
				before.add(line);
			}
			assertThat(before).noneMatch((line) -> line.contains("beta only"));
			known("beta", 1);
			join(hana, "#beta", 1);
			await().atMost(Duration.ofSeconds(5)).until(() -> listeners("#beta") == 2);
			ivan.awaitLine("[SERVER] hana joined #beta");
			ivan.send("now shared");
			hana.expectLine("[ivan] now shared");
			hana.send("/part #beta");
			hana.expectLine("[SERVER] you left #beta");
			await().atMost(Duration.ofSeconds(5)).until(() -> listeners("#beta") == 1);
			hana.send("/part #alpha");
			await().atMost(Duration.ofSeconds(5)).until(() -> listeners("#alpha") == 0);
		}
	}

	@Test
	@Order(4)
	void afterRedisRestartedEmptyMembershipIsRightAgainWithoutAnybodyRejoining() throws Exception {
		try (TestClient jack = TestClient.login(one.chatPort(), "jack"); TestClient kate = TestClient.login(two.chatPort(), "kate");
				TestClient liam = TestClient.login(two.chatPort(), "liam")) {
			jack.awaitLine("[SERVER] liam joined the chat");
			join(jack, "#dev", 0);
			known("dev", 1);
			join(kate, "#dev", 1);
			jack.awaitLine("[SERVER] kate joined #dev");
			redis.kill();
			// while Redis is gone, membership changes on two that one cannot hear of
			// awaitLine: jack's "joined the chat" may reach two after kate and liam logged in there
			kate.send("/part #dev");
			kate.awaitLine("[SERVER] you left #dev");
			liam.send("/join #dev");
			liam.awaitLine("[SERVER] you joined #dev (2 members)"); // two's view: jack and liam
			redis.startAgain();
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				assertThat(members(one, "dev")).containsExactly("jack", "liam");
				assertThat(members(two, "dev")).containsExactly("jack", "liam");
			});
			await().atMost(Duration.ofSeconds(10)).until(() -> listeners("#dev") == 2); // resubscribed
			jack.send("/who #dev");
			jack.awaitLine("[SERVER] #dev (2): jack, liam");
			liam.send("back together");
			jack.awaitLine("[liam] back together");
			jack.send("and again");
			liam.awaitLine("[jack] and again");
		}
	}

	@Test
	@Order(5)
	void aKilledReplicasRoomMembersLeaveWithReplicaLost() throws Exception {
		try (TestClient mia = TestClient.login(one.chatPort(), "mia"); ReplicaProcess doomed = ReplicaProcess.start("doomed", redis.port(), work)) {
			try (TestClient noah = TestClient.login(doomed.chatPort(), "noah")) {
				join(mia, "#ops", 0);
				await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
					noah.send("/who #ops"); // the other replica's view
					assertThat(noah.awaitLine((line) -> line.startsWith("[SERVER] #ops") || line.contains("no such room")))
						.isEqualTo("[SERVER] #ops (1): mia");
				});
				join(noah, "#ops", 1);
				mia.awaitLine("[SERVER] noah joined #ops");
				doomed.kill();
				mia.awaitLine("[SERVER] noah left the chat (replica lost)"::equals, Duration.ofSeconds(20));
				mia.send("/who #ops");
				mia.awaitLine("[SERVER] #ops (1): mia");
				await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(members(two, "ops")).containsExactly("mia"));
			}
		}
	}

}
