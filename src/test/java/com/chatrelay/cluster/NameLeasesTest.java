package com.chatrelay.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.chatrelay.chat.ClusterUnavailableException;
import com.chatrelay.support.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The name leases' Lua scripts against a real Redis: atomic claims, takeovers, renewals, releases. */
class NameLeasesTest {

	@TempDir
	static Path work;

	private static RedisServer redis;

	private static LettuceConnectionFactory connections;

	private static StringRedisTemplate template;

	/** The claims' thread, as the application's {@code clusterClaims} bean gives it. */
	private static final ExecutorService claims = Executors.newSingleThreadExecutor();

	@BeforeAll
	static void start() throws Exception {
		redis = RedisServer.start(work);
		connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", redis.port()));
		connections.afterPropertiesSet();
		connections.start();
		template = new StringRedisTemplate(connections);
	}

	@AfterAll
	static void stop() throws Exception {
		claims.shutdownNow();
		if (connections != null) {
			connections.destroy();
		}
		if (redis != null) {
			redis.close();
		}
	}

	@BeforeEach
	void emptyRedis() {
		template.execute((RedisCallback<Void>) (connection) -> {
			connection.serverCommands().flushAll();
			return null;
		});
	}

	private static NameLeases replica(String id, String incarnation) {
		template.opsForValue().set(RedisKeys.alive(id), incarnation);
		NameLeases leases = new NameLeases(template, new ReplicaIdentity(id, incarnation), 15_000, 5_000,
				new ClaimBreaker(Duration.ofSeconds(2)), claims);
		leases.openRegistry();
		return leases;
	}

	@Test
	void twoReplicasRacingForADeadReplicasNameNeverBothWin() throws Exception {
		NameLeases a = replica("a", "a1");
		NameLeases b = replica("b", "b1");
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			int bothWon = 0;
			int noneWon = 0;
			for (int race = 0; race < 80; race++) {
				String key = "victim" + race;
				// held by a replica whose alive key is gone: free to take over, once
				template.opsForValue().set(RedisKeys.name(key), "dead d1 1");
				CyclicBarrier start = new CyclicBarrier(2);
				CompletableFuture<Boolean> forA = CompletableFuture.supplyAsync(() -> claimAfter(start, a, key), threads);
				CompletableFuture<Boolean> forB = CompletableFuture.supplyAsync(() -> claimAfter(start, b, key), threads);
				boolean wonA = forA.get(10, TimeUnit.SECONDS);
				boolean wonB = forB.get(10, TimeUnit.SECONDS);
				bothWon += (wonA && wonB) ? 1 : 0;
				noneWon += (!wonA && !wonB) ? 1 : 0;
				assertThat(template.opsForValue().get(RedisKeys.name(key))).startsWith(wonA ? "a a1 " : "b b1 ");
			}
			assertThat(bothWon).isZero();
			assertThat(noneWon).isZero();
		}
		finally {
			threads.shutdownNow();
		}
	}

	private static boolean claimAfter(CyclicBarrier start, NameLeases leases, String key) {
		try {
			start.await(5, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return leases.claim(List.of(key));
	}

	@Test
	void aLiveReplicasNameIsRefusedARestartedOnesIsTakenOver() {
		NameLeases a = replica("a", "a1");
		assertThat(a.claim(List.of("alice"))).isTrue();
		NameLeases b = replica("b", "b1");
		assertThat(b.claim(List.of("alice"))).isFalse();
		// a restarts with a new incarnation: its previous run's names are stale
		template.opsForValue().set(RedisKeys.alive("a"), "a2");
		assertThat(b.claim(List.of("alice"))).isTrue();
	}

	@Test
	void renewalReassertsWhatRedisLostAndReportsWhatALiveReplicaTook() {
		NameLeases a = replica("a", "a1");
		NameLeases b = replica("b", "b1");
		assertThat(a.claim(List.of("alice"))).isTrue();
		assertThat(a.claim(List.of("fzb"))).isTrue();
		// a was cut off: its alive key and the lease of fzb expired, and b took fzb
		template.delete(List.of(RedisKeys.alive("a"), RedisKeys.name("fzb"), RedisKeys.name("alice")));
		assertThat(b.claim(List.of("fzb"))).isTrue();
		template.opsForValue().set(RedisKeys.alive("a"), "a1");
		assertThat(a.renew()).containsExactly("fzb");
		assertThat(template.opsForValue().get(RedisKeys.name("alice"))).startsWith("a a1 ");
		assertThat(template.opsForValue().get(RedisKeys.name("fzb"))).startsWith("b b1 ");
		assertThat(a.renew()).as("a forgot fzb: nothing more to report").isEmpty();
		// a release by a no longer leaves b's lease alone
		a.release("fzb");
		a.releasePending();
		assertThat(template.opsForValue().get(RedisKeys.name("fzb"))).startsWith("b b1 ");
	}

	@Test
	void aReleaseQueuedBeforeANewClaimOfTheSameNameLeavesTheNewClaim() {
		NameLeases a = replica("a", "a1");
		assertThat(a.claim(List.of("alice"))).isTrue();
		a.release("alice");
		assertThat(a.claim(List.of("alice"))).isTrue(); // the same name again, before the release reached Redis
		a.releasePending();
		assertThat(template.opsForValue().get(RedisKeys.name("alice"))).startsWith("a a1 ");
		a.release("alice");
		a.releasePending();
		assertThat(template.hasKey(RedisKeys.name("alice"))).isFalse();
	}

	@Test
	void afterRedisLostTheNamesClaimsWaitForTheReplicasToReassertTheirs() {
		NameLeases a = replica("a", "a1");
		NameLeases b = replica("b", "b1");
		assertThat(a.claim(List.of("alice"))).isTrue();
		emptyRedis(); // a restart
		assertThatThrownBy(() -> b.claim(List.of("alice"))).isInstanceOf(ClusterUnavailableException.class);
		assertThat(a.renew()).isEmpty();
		assertThat(a.openRegistry()).as("a saw the registry before: it opens it after the grace time").isTrue();
		assertThatThrownBy(() -> b.claim(List.of("alice"))).isInstanceOf(ClusterUnavailableException.class);
		assertThat(template.opsForValue().get(RedisKeys.name("alice"))).startsWith("a a1 ");
		assertThat(Long.parseLong(template.opsForValue().get(RedisKeys.REGISTRY))).as("claims open after the grace time")
			.isGreaterThan(System.currentTimeMillis() + 3_000);
	}

}
