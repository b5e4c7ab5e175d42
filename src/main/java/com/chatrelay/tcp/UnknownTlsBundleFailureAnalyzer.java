package com.chatrelay.tcp;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an unknown {@code chat.tcp.ssl.bundle} into Boot's short "APPLICATION FAILED TO START" report. */
class UnknownTlsBundleFailureAnalyzer extends AbstractFailureAnalyzer<UnknownTlsBundleException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnknownTlsBundleException cause) {
		String known = cause.knownBundles().isEmpty() ? "none is defined"
				: "defined: " + String.join(", ", cause.knownBundles());
		return new FailureAnalysis(cause.getMessage() + " (" + known + ").",
				"Define the bundle (spring.ssl.bundle.pem.<name>.keystore.certificate and .private-key, or "
						+ "spring.ssl.bundle.jks.<name>.keystore.*), or unset chat.tcp.ssl.bundle for plain TCP.",
				cause);
	}

}
