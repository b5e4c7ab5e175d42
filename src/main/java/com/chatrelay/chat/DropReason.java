package com.chatrelay.chat;

/** Why a line was not relayed: the values of one bounded metric label. */
public enum DropReason {

	RATE_LIMITED("rate_limited"),
	LINE_TOO_LONG("line_too_long"),
	SLOW_CONSUMER("slow_consumer"),
	/** Handling the line failed inside the server; the sender was told. */
	ERROR("error"),
	/** Clustered: the queue of lines for the other replicas was full (Redis slow or gone). */
	CLUSTER_BACKLOG("cluster_backlog"),
	/** Clustered: publishing the line to the other replicas failed (Redis unavailable). */
	CLUSTER_UNAVAILABLE("cluster_unavailable");

	private final String tag;

	DropReason(String tag) {
		this.tag = tag;
	}

	/** The value of the {@code reason} label in the metrics. */
	public String tag() {
		return this.tag;
	}

}
