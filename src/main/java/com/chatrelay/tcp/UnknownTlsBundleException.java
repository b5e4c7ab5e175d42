package com.chatrelay.tcp;

import java.util.List;

/** {@code chat.tcp.ssl.bundle} names no Spring Boot SSL bundle: the service cannot start its chat port. */
final class UnknownTlsBundleException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final List<String> knownBundles;

	UnknownTlsBundleException(String bundleName, List<String> knownBundles, Throwable cause) {
		super("chat.tcp.ssl.bundle=" + bundleName + " names no SSL bundle", cause);
		this.knownBundles = List.copyOf(knownBundles);
	}

	List<String> knownBundles() {
		return this.knownBundles;
	}

}
