package com.chatrelay;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Running more than one replica ({@code chat.cluster.*}): they relay through Redis.
 * @param enabled relay through Redis pub/sub between replicas ({@code spring.data.redis.*} says where
 * Redis is)
 * @param replicaId this replica's id in the cluster (letters, digits, {@code .}, {@code _},
 * {@code -}); empty for the host name (the pod's name)
 * @param timeout longest wait for a Redis answer that a user or a timer waits for (a name claim);
 * it is also the Redis command timeout of the relay (10ms to 60s)
 * @param heartbeatInterval how often this replica tells the others it is alive and renews its
 * users' names (at least 100ms)
 * @param replicaTimeout silence after which a replica counts as lost: its users are announced as
 * left and its names are free; at least three heartbeats (a name's lease lasts 1.5 times this)
 * @param publishQueue lines and events waiting to be published to the other replicas; past it
 * lines are dropped and counted ({@code cluster_backlog}) rather than held in memory without bound
 * @param claimWait longest time the thread that reads every client waits for a name claim (at most
 * {@code chat.cluster.timeout}); a slower Redis refuses the name ({@code name service unavailable, try again})
 * and claims are refused at once until the heartbeat finds Redis answering within it again
 */
public record ClusterProperties(@DefaultValue("false") boolean enabled,
		@DefaultValue("") @Pattern(regexp = "[A-Za-z0-9._-]*", message = "a replica id has letters, digits, '.', '_' and '-' only") String replicaId,
		@DefaultValue("2s") @NotNull Duration timeout, @DefaultValue("2s") @NotNull Duration heartbeatInterval,
		@DefaultValue("10s") @NotNull Duration replicaTimeout, @DefaultValue("100000") @Positive int publishQueue,
		@DefaultValue("250ms") @NotNull Duration claimWait) {

	@AssertTrue(message = "chat.cluster.claim-wait must be between 1ms and chat.cluster.timeout")
	public boolean isClaimWaitValid() {
		return this.claimWait == null || this.timeout == null
				|| (this.claimWait.toMillis() >= 1 && this.claimWait.compareTo(this.timeout) <= 0);
	}

	@AssertTrue(message = "chat.cluster.timeout must be between 10ms and 60s")
	public boolean isTimeoutValid() {
		return this.timeout == null || (this.timeout.toMillis() >= 10 && this.timeout.toSeconds() <= 60);
	}

	@AssertTrue(message = "chat.cluster.heartbeat-interval must be at least 100ms and chat.cluster.replica-timeout at least three of them")
	public boolean isHeartbeatValid() {
		return this.heartbeatInterval == null || this.replicaTimeout == null
				|| (this.heartbeatInterval.toMillis() >= 100
						&& this.replicaTimeout.compareTo(this.heartbeatInterval.multipliedBy(3)) >= 0);
	}

}
