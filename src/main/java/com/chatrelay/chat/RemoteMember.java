package com.chatrelay.chat;

/** A room member on another replica: by name (unique in the cluster) and the replica that has them. */
public record RemoteMember(String name, String replicaId) {
}
