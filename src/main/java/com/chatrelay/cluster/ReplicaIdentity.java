package com.chatrelay.cluster;

import java.util.UUID;

/**
 * This replica in the cluster: its id (configured, or the host name) and which start of it this is
 * (a restart with the same id is a new incarnation: the old one's leases and users are stale).
 */
record ReplicaIdentity(String id, String incarnation) {

	/** A new start of the replica {@code id}. */
	static ReplicaIdentity started(String id) {
		return new ReplicaIdentity(id, UUID.randomUUID().toString().substring(0, 13));
	}

}
