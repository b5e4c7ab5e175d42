package com.chatrelay.chat;

/**
 * What the cluster keeps (names, bans) could not be read or written in time: Redis is slow or
 * absent. The caller refuses what needs the answer and carries on with the rest.
 */
public class ClusterUnavailableException extends RuntimeException {

	public ClusterUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
