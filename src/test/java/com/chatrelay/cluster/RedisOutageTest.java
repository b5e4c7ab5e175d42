package com.chatrelay.cluster;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import com.chatrelay.support.Http;
import com.chatrelay.support.RedisServer;
import com.chatrelay.support.TestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis dies while users chat, and comes back empty: chat within each replica goes on, nobody is
 * wedged, names that cannot be checked are refused, and once Redis is back the replicas rebuild
 * the registry before anybody can take a connected user's name.
 */
class RedisOutageTest {

	@TempDir
	static Path work;

	private static RedisServer redis;

	private static Replica one;

	private static Replica two;

	@BeforeAll
	static void startCluster() throws Exception {
		redis = RedisServer.start(work);
		one = Replica.start("one", redis.port());
		two = Replica.start("two", redis.port());
		awaitSubscribers(2);
	}

	/** Both replicas listen on the channel: Redis says how many got a message no replica acts on. */
	static void awaitSubscribers(int replicas) {
		StringRedisTemplate template = one.bean(StringRedisTemplate.class);
		await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
			.until(() -> template.convertAndSend(RedisKeys.CHANNEL, "probe: not a batch of events") == replicas);
	}

	@AfterAll
	static void stopCluster() throws Exception {
		for (AutoCloseable closeable : new AutoCloseable[] { one, two, redis }) {
			if (closeable != null) {
				closeable.close();
			}
		}
	}

	/**
	 * Names can be claimed on both replicas (after a restart of Redis, once the replicas re-asserted
	 * theirs), and nobody is left over from the test before (a replica stopped with Redis gone is
	 * noticed as lost after the replica timeout).
	 */
	private static void awaitNamesOpen() {
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			TestClient.login(one.chatPort(), "probe-one").close();
			TestClient.login(two.chatPort(), "probe-two").close();
			assertThat(Http.json(one.admin().get("/api/users")).size()).isZero();
			assertThat(Http.json(two.admin().get("/api/users")).size()).isZero();
		});
	}

	@Test
	void anOutageWedgesNobodyAndARestartedRedisIsRepopulatedBeforeANameCanBeTaken() throws Exception {
		awaitNamesOpen();
		try (TestClient alice = TestClient.login(one.chatPort(), "alice"); TestClient bob = TestClient.login(one.chatPort(), "bob");
				TestClient carol = TestClient.login(two.chatPort(), "carol")) {
			alice.awaitLine("[SERVER] carol joined the chat");
			// the join event follows the join notice: both replicas know all three before Redis goes
			await().atMost(Duration.ofSeconds(5)).until(() -> Http.json(one.admin().get("/api/users")).size() == 3
					&& Http.json(two.admin().get("/api/users")).size() == 3);
			redis.kill();

			long start = System.nanoTime();
			alice.send("during the outage");
			bob.awaitLine("[alice] during the outage");
			alice.send("/who");
			alice.awaitLine("[SERVER] online (3): alice, bob, carol");
			alice.send("/msg bob psst");
			bob.awaitLine("[alice -> you] psst");
			alice.send("/nick alicia");
			alice.awaitLine("[SERVER] error: name service unavailable, try again");
			// a private line to another replica's user cannot go: the sender is told, it is not lost silently
			alice.send("/msg carol are you there");
			alice.awaitLine("[SERVER] error: carol is on another server, which cannot be reached now; try again");
			try (TestClient dave = TestClient.connect(one.chatPort())) {
				dave.expectLine("Enter your name:");
				dave.send("dave");
				dave.expectLine("[SERVER] error: name service unavailable, try again");
				dave.expectLine("Enter your name:");
			}
			bob.send("still chatting");
			alice.awaitLine("[bob] still chatting");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as("answers during the outage").isLessThan(Duration.ofSeconds(2));
			// what needs the cluster says it could not be done, and changes nothing
			HttpResponse<String> kick = one.admin().delete("/api/users/carol");
			assertThat(kick.statusCode()).isEqualTo(503);
			assertThat(kick.headers().firstValue("Content-Type")).hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(one.admin().postJson("/api/bans", "{\"name\": \"mallory\"}").statusCode()).isEqualTo(503);
			carol.send("/who");
			carol.awaitLine((line) -> line.startsWith("[SERVER] online ("));

			redis.startAgain(); // empty: every lease, alive key and ban is gone
			long restarted = System.nanoTime();
			// a connected user's name is never free meanwhile: refused as unavailable, then as taken
			await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
				try (TestClient thief = TestClient.connect(two.chatPort())) {
					thief.expectLine("Enter your name:");
					thief.send("ALICE");
					String answer = thief.readLine();
					assertThat(answer).isIn("[SERVER] error: name service unavailable, try again", "[SERVER] error: the name ALICE is taken");
					assertThat(answer).isEqualTo("[SERVER] error: the name ALICE is taken");
				}
			});
			assertThat(Duration.ofNanos(System.nanoTime() - restarted)).as("registry rebuilt").isLessThan(Duration.ofSeconds(15));
			// relaying across replicas resumes, /who sees everybody, and names are claimed again
			await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
				alice.send("anyone there?");
				assertThat(carol.readLine()).isEqualTo("[alice] anyone there?");
			});
			carol.send("/who");
			carol.awaitLine("[SERVER] online (3): alice, bob, carol");
			alice.send("/nick alicia");
			carol.awaitLine("[SERVER] alice is now known as alicia");
			assertThat(Http.json(two.admin().get("/api/stats")).get("usersOnline").asInt()).isEqualTo(3);
		}
	}

	@Test
	void aFrozenRedisCostsTheChatPortOneTimeoutAtMost() throws Exception {
		awaitNamesOpen();
		try (TestClient judy = TestClient.login(one.chatPort(), "judy"); TestClient ken = TestClient.login(one.chatPort(), "ken")) {
			redis.pause(); // nothing answers, nothing is reset: each call waits for chat.cluster.timeout
			try {
				// the first claim waits for the 2 s timeout; the others are refused at once
				assertThat(refusedLoginsThenALocalLine("newcomer", judy, ken)).isLessThan(Duration.ofMillis(3500));
			}
			finally {
				redis.resume();
			}
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> TestClient.login(one.chatPort(), "newcomer").close());
		}
	}

	@Test
	void aSlowRedisCostsTheChatPortOneClaimWaitAtMost() throws Exception {
		awaitNamesOpen();
		io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create("redis://127.0.0.1:" + redis.port());
		try (TestClient lou = TestClient.login(one.chatPort(), "lou"); TestClient max = TestClient.login(one.chatPort(), "max");
				var admin = client.connect()) {
			// Redis answers, but only after 1.9 s: under chat.cluster.timeout, so no call fails
			admin.sync().clientPause(1900);
			// the first claim waits chat.cluster.claim-wait (250 ms), the others are refused at once
			assertThat(refusedLoginsThenALocalLine("slowpoke", lou, max)).isLessThan(Duration.ofMillis(1500));
		}
		finally {
			client.shutdown();
		}
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> TestClient.login(one.chatPort(), "slowpoke").close());
	}

	/**
	 * Five logins on replica one, each refused as the name cannot be checked, then a line between
	 * two of its users. @return how long all that took
	 */
	private static Duration refusedLoginsThenALocalLine(String namePrefix, TestClient sender, TestClient receiver) {
		long start = System.nanoTime();
		for (int i = 0; i < 5; i++) {
			try (TestClient newcomer = TestClient.connect(one.chatPort())) {
				newcomer.expectLine("Enter your name:");
				newcomer.send(namePrefix + i);
				newcomer.expectLine("[SERVER] error: name service unavailable, try again");
			}
		}
		sender.send("not held up");
		receiver.awaitLine("[" + sender.name() + "] not held up");
		return Duration.ofNanos(System.nanoTime() - start);
	}

	@Test
	void aReplicaStartedDuringAnOutageStartsAndJoinsTheOthersWhenRedisComesBack() throws Exception {
		redis.kill();
		Replica late = null;
		try {
			late = Replica.start("late", redis.port());
			try (TestClient early = TestClient.connect(late.chatPort())) {
				early.expectLine("Enter your name:");
				early.send("early");
				early.expectLine("[SERVER] error: name service unavailable, try again");
			}
			redis.startAgain();
			awaitNamesOpen();
			Replica started = late;
			try (TestClient hank = await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
					.until(() -> TestClient.login(started.chatPort(), "hank"), (client) -> client != null);
					TestClient ivy = TestClient.login(one.chatPort(), "ivy")) {
				await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
					ivy.send("hello hank");
					assertThat(hank.awaitLine((line) -> line.startsWith("[ivy]"))).isEqualTo("[ivy] hello hank");
				});
			}
		}
		finally {
			if (late != null) {
				late.close();
			}
		}
	}

	@Test
	void aReplicaStopsGracefullyWithinFifteenSecondsWithRedisFrozen() throws Exception {
		Replica three = Replica.start("three", redis.port());
		TestClient erin = TestClient.login(three.chatPort(), "erin");
		redis.pause(); // connections stay open and nothing is answered: every call waits for its timeout
		try {
			long start = System.nanoTime();
			three.close();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
			erin.awaitLine("[SERVER] server is shutting down");
			erin.expectClosed();
		}
		finally {
			erin.close();
			redis.resume();
			awaitNamesOpen();
		}
	}

	@Test
	void aReplicaStopsGracefullyWithinFifteenSecondsWithRedisGone() throws Exception {
		Replica three = Replica.start("three", redis.port());
		TestClient erin = TestClient.login(three.chatPort(), "erin");
		redis.kill();
		try {
			long start = System.nanoTime();
			three.close();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
			erin.awaitLine("[SERVER] server is shutting down");
			erin.expectClosed();
		}
		finally {
			erin.close();
			redis.startAgain();
			awaitNamesOpen();
		}
	}

}
