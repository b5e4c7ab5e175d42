package com.chatrelay.tcp;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.chatrelay.chat.DisconnectReason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class HandshakePoolTest {

	@Test
	void aHelloFromAnotherAddressGoesBeforeAFloodsAndALaterStepBeforeAnyHello() throws Exception {
		try (HandshakePool pool = new HandshakePool(1, 100, null, null)) {
			CountDownLatch busy = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			List<String> order = new CopyOnWriteArrayList<>();
			pool.execute("flood", true, () -> {
				busy.countDown();
				await(release);
			});
			assertThat(busy.await(5, TimeUnit.SECONDS)).isTrue();
			for (int i = 1; i <= 3; i++) {
				String name = "flood" + i;
				pool.execute("flood", true, () -> order.add(name));
			}
			pool.execute("user", true, () -> order.add("user"));
			pool.execute(null, false, () -> order.add("finish"));
			CountDownLatch done = new CountDownLatch(1);
			pool.execute("flood", true, done::countDown);
			release.countDown();
			assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
			assertThat(order).containsExactly("finish", "user", "flood1", "flood2", "flood3"); // "flood" still ran: it counts
			assertThat(pool.waiting()).isZero();
		}
	}

	@Test
	void clientsPastTheAddressRateAndHelloesPastTheQueueAreRefused() throws Exception {
		AddressRates rates = new AddressRates(1, 1, System::nanoTime);
		try (HandshakePool pool = new HandshakePool(1, 2, rates, null)) {
			pool.admitClient("a");
			assertThatExceptionOfType(HandshakeRefusedException.class).isThrownBy(() -> pool.admitClient("a"))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(DisconnectReason.TOO_MANY_FROM_ADDRESS));
			pool.admitClient("b");
			CountDownLatch running = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			pool.execute("a", true, () -> {
				running.countDown();
				await(release);
			});
			assertThat(running.await(5, TimeUnit.SECONDS)).isTrue(); // then two may wait
			pool.execute("b", true, () -> {
			});
			pool.execute("c", true, () -> {
			});
			assertThatExceptionOfType(HandshakeRefusedException.class).isThrownBy(() -> pool.execute("d", true, () -> {
			})).satisfies((ex) -> assertThat(ex.reason()).isEqualTo(DisconnectReason.SERVER_FULL));
			release.countDown();
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
