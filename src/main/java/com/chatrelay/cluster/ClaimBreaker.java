package com.chatrelay.cluster;

import java.time.Duration;

/**
 * Whether name claims are sent to Redis now: a claim that failed or was slow stops them, and only
 * a heartbeat that Redis answered within the claim wait lets them through again. Meanwhile claims
 * are refused at once, so a Redis that hangs (frozen, or cut off without a reset) costs the reading
 * thread one timeout, not one per login. Private lines to other replicas are refused while it is open.
 * <p>
 * Not a failure-rate breaker with a timed half-open state: the heartbeat is the probe. Any thread.
 */
final class ClaimBreaker {

	/** How long the reading thread waits for a claim; slower counts as a failure. */
	private final Duration claimWait;

	private volatile boolean closed = true;

	ClaimBreaker(Duration claimWait) {
		this.claimWait = claimWait;
	}

	/** Whether claims are tried now: Redis answered the last claim or beat, quickly enough. */
	boolean allowsClaims() {
		return this.closed;
	}

	Duration claimWait() {
		return this.claimWait;
	}

	/** A claim got no answer, or none within the claim wait. */
	void claimFailed() {
		this.closed = false;
	}

	/**
	 * The heartbeat reached Redis (true) or did not (false), and how long one small script of it
	 * took: claims open again only when Redis answers within the claim wait.
	 */
	void beat(boolean answered, Duration took) {
		// a slow beat alone (a GC pause, a busy machine) closes nothing; after a slow claim only a quick one reopens
		this.closed = answered && (this.closed || took.compareTo(this.claimWait) <= 0);
	}

}
