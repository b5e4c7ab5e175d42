package com.chatrelay.tcp;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/** The process's file descriptors, as the JVM sees them (on Unix; elsewhere unknown). */
final class Descriptors {

	private Descriptors() {
	}

	/**
	 * "limit 1024", or "limit unknown" where the platform does not say. Never the count of open
	 * descriptors: counting them opens /proc/self/fd, which fails (with an Error) when none is left.
	 */
	static String describe() {
		OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
		if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
			return "limit " + unix.getMaxFileDescriptorCount();
		}
		return "limit unknown";
	}

}
