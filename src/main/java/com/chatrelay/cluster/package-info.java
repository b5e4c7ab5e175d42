/**
 * More than one replica, over Redis (Spring Data Redis on Lettuce): name leases, the directory of the
 * other replicas' users, events published and listened to, heartbeats, shared bans. Implements the
 * {@code chat} package's {@link com.chatrelay.chat.Cluster} interface, so the room never sees Redis;
 * present only with {@code chat.cluster.enabled=true}.
 */
package com.chatrelay.cluster;
