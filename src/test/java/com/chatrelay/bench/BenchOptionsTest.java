package com.chatrelay.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The benchmark's command line, without a relay: usage, help and how durations are read. */
class BenchOptionsTest {

	/** Options whose name is not the record component's name in kebab case. */
	private static final Map<String, String> RENAMED = Map.of("maxP99Millis", "max-p99-ms");

	@Test
	void helpPrintsTheUsageAndSucceeds() {
		for (String help : new String[] { "--help", "-h" }) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			int code = BenchCommand.run(new String[] { help }, new PrintStream(out, true, StandardCharsets.UTF_8));
			assertThat(code).as(help).isZero();
			assertThat(out.toString(StandardCharsets.UTF_8)).as(help)
				.startsWith("usage: java -jar chat-relay.jar bench")
				.doesNotContain("unknown option");
		}
	}

	@Test
	void theUsageNamesEveryOptionAndEveryOptionInItIsAccepted() {
		for (RecordComponent component : BenchOptions.class.getRecordComponents()) {
			String option = "--" + optionName(component.getName());
			assertThat(BenchOptions.USAGE).as(component.getName()).containsPattern("(?m)\\s" + option + "[=\\s]");
		}
		BenchOptions options = BenchOptions.parse(new String[] { "--host=example.org", "--port=1", "--clients=7",
				"--senders=2", "--rate=5", "--duration=3s", "--warmup=1s", "--payload=50", "--stuck=1", "--idle",
				"--ladder=1,2", "--source-addresses=127.0.0.2", "--threads=2", "--drain=4s", "--late-wait=1s",
				"--server-pid=9", "--simulate-loss=1", "--simulate-late=2", "--max-p99-ms=7", "--name-prefix=p",
				"--flooders=0", "--stallers=4", "--churn=0", "--ports=1,2", "--rooms=2", "--room-spread=together",
				"--default-room=#hall" });
		assertThat(options.namePrefix()).isEqualTo("p");
		assertThat(options.maxP99Millis()).isEqualTo(7);
		assertThat(options.lateWait()).isEqualTo(Duration.ofSeconds(1));
		assertThat(options.simulateLate()).isEqualTo(2);
		assertThat(options.stallers()).isEqualTo(4);
	}

	@Test
	void clientsAreSpreadOverThePortsOfTheReplicas() {
		BenchOptions spread = BenchOptions.parse(new String[] { "--ports=5555, 5556" });
		assertThat(spread.ports()).containsExactly(5555, 5556);
		assertThat(spread.replicaOf(0)).isZero();
		assertThat(spread.replicaOf(1)).isOne();
		assertThat(spread.replicaOf(4)).isZero();
		assertThat(spread.withRate(3).ports()).containsExactly(5555, 5556);
		assertThat(BenchOptions.parse(new String[] { "--port=7" }).ports()).containsExactly(7);
		assertThat(BenchOptions.parse(new String[0]).ports()).containsExactly(5555);
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse(new String[] { "--ports=0" }));
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse(new String[] { "--ports=a,b" }));
	}

	@Test
	void roomsAndTheirSpreadAreOptionsAndWithoutThemNothingChanges() {
		BenchOptions plain = BenchOptions.parse(new String[0]);
		assertThat(plain.rooms()).isOne();
		assertThat(plain.roomSpread()).isEqualTo(RoomPlan.Spread.ACROSS);
		assertThat(plain.defaultRoom()).isEqualTo("#lobby");
		assertThat(plain.plan().inRooms()).isFalse();
		BenchOptions rooms = BenchOptions.parse(new String[] { "--clients=40", "--senders=40", "--rate=40", "--rooms=4",
				"--ports=1,2", "--room-spread=together", "--default-room=hall" });
		assertThat(rooms.rooms()).isEqualTo(4);
		assertThat(rooms.roomSpread()).isEqualTo(RoomPlan.Spread.TOGETHER);
		assertThat(rooms.defaultRoom()).isEqualTo("#hall");
		assertThat(rooms.replicaOf(0)).isZero();
		assertThat(rooms.replicaOf(4)).isZero(); // #r0 again: together
		assertThat(rooms.replicaOf(1)).isOne();
		assertThat(rooms.withRate(80).rooms()).isEqualTo(4);
		assertThat(rooms.withRate(80).roomSpread()).isEqualTo(RoomPlan.Spread.TOGETHER);
		BenchOptions across = BenchOptions.parse(new String[] { "--rooms=4", "--ports=1,2" });
		assertThat(across.replicaOf(0)).isZero(); // member 0 of #r0
		assertThat(across.replicaOf(1)).isZero(); // member 0 of #r1
		assertThat(across.replicaOf(4)).isOne(); // member 1 of #r0
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse(new String[] { "--rooms=0" }));
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse(new String[] { "--rooms=101" }))
			.withMessageContaining("--rooms");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse(new String[] { "--room-spread=together" }))
			.withMessageContaining("--rooms=2");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse(new String[] { "--room-spread=x" }));
	}

	@Test
	void durationsAreReadAsSpringBootReadsThem() {
		BenchOptions options = BenchOptions.parse(new String[] { "--duration=1500ms", "--warmup=PT0.5S", "--drain=3",
				"--clients=3", "--senders=1" });
		assertThat(options.duration()).isEqualTo(Duration.ofMillis(1500));
		assertThat(options.warmup()).isEqualTo(Duration.ofMillis(500));
		assertThat(options.drain()).isEqualTo(Duration.ofSeconds(3));
		assertThat(BenchOptions.parse(new String[] { "--duration=2m" }).duration()).isEqualTo(Duration.ofMinutes(2));
	}

	@Test
	void aBadDurationIsAUsageError() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse(new String[] { "--duration=soon" }));
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse(new String[] { "--drain=-1s" }));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertThat(BenchCommand.run(new String[] { "--warmup=1x" }, new PrintStream(out, true, StandardCharsets.UTF_8)))
			.isEqualTo(2);
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage");
	}

	@Test
	void hostileClientsNeedARunAndCannotBeNegative() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse(new String[] { "--idle", "--flooders=1" }));
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse(new String[] { "--idle", "--churn=1" }));
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse(new String[] { "--stallers=-1" }));
		assertThat(BenchOptions.parse(new String[] { "--idle", "--stallers=3" }).stallers()).isEqualTo(3);
		BenchOptions run = BenchOptions.parse(new String[] { "--flooders=3", "--churn=5" });
		assertThat(run.flooders()).isEqualTo(3);
		assertThat(run.churn()).isEqualTo(5);
		assertThat(run.withRate(7).churn()).isEqualTo(5);
	}

	private static String optionName(String component) {
		return RENAMED.getOrDefault(component, component.replaceAll("([A-Z])", "-$1").toLowerCase());
	}

}
