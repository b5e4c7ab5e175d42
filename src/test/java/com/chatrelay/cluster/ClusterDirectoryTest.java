package com.chatrelay.cluster;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.chatrelay.chat.UserView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A kick's wait ({@link ClusterDirectory#whenGone}) ends with every way a user of another replica goes. */
class ClusterDirectoryTest {

	private final ClusterDirectory directory = new ClusterDirectory();

	private static UserView user(String name) {
		Instant now = Instant.now();
		return new UserView(name, "c-" + name, "127.0.0.1:1", now, now, 0, 0, 0, 0, null, "b");
	}

	@BeforeEach
	void bobIsOnReplicaB() {
		this.directory.heard("b", "b1", 1);
		this.directory.joined("b", user("bob"));
		this.directory.joined("b", user("carol"));
	}

	@Test
	void waitsWhileTheUserIsListedAndEndsWhenTheyLeave() {
		CompletableFuture<Void> gone = this.directory.whenGone("BOB");
		this.directory.left("b", "carol");
		assertThat(gone).isNotDone();
		this.directory.left("b", "bob");
		assertThat(gone).isCompleted();
	}

	@Test
	void aUserNobodyListsIsGoneAtOnce() {
		assertThat(this.directory.whenGone("dave")).isCompleted();
	}

	@Test
	void endsWhenASnapshotNoLongerListsTheUser() {
		CompletableFuture<Void> gone = this.directory.whenGone("bob");
		this.directory.snapshot("b", List.of(user("carol")));
		assertThat(gone).isCompleted();
	}

	@Test
	void endsWhenTheReplicaIsLostRestartsOrSaysBye() {
		CompletableFuture<Void> lost = this.directory.whenGone("bob");
		this.directory.loseSilentSince(2);
		assertThat(lost).isCompleted();

		this.directory.heard("b", "b1", 3);
		this.directory.joined("b", user("bob"));
		CompletableFuture<Void> restarted = this.directory.whenGone("bob");
		this.directory.heard("b", "b2", 4);
		assertThat(restarted).isCompleted();

		this.directory.joined("b", user("bob"));
		CompletableFuture<Void> bye = this.directory.whenGone("bob");
		this.directory.bye("b");
		assertThat(bye).isCompleted();
	}

	@Test
	void aWaitGivenUpIsForgotten() {
		CompletableFuture<Void> gone = this.directory.whenGone("bob");
		this.directory.stopWaiting(gone);
		this.directory.left("b", "bob");
		assertThat(gone).isNotDone();
	}

}
