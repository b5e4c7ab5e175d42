package com.chatrelay.descriptors;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.OptionalLong;

import com.chatrelay.chat.ChatLimits;
import com.sun.management.UnixOperatingSystemMXBean;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Fits the chat port's connection limit into the process's file-descriptor limit at start-up.
 * Each chat connection is one descriptor; when {@code chat.tcp.max-connections} plus the reserve
 * for everything else does not fit, the limit is lowered to what fits and one WARN says so: a
 * client past it then reads {@code server full}, instead of every accept failing with EMFILE
 * (which also starves the HTTP side and the relay's own files).
 */
public final class DescriptorBudget {

	private static final Log logger = LogFactory.getLog(DescriptorBudget.class);

	private DescriptorBudget() {
	}

	/** The limits to run with under this process's descriptor limit (lowered and logged when needed). */
	public static ChatLimits fit(ChatLimits limits, int reserve) {
		return fit(limits, reserve, processLimit());
	}

	/**
	 * @param descriptors the process's descriptor limit, empty when unknown (not a Unix JVM)
	 */
	static ChatLimits fit(ChatLimits limits, int reserve, OptionalLong descriptors) {
		if (descriptors.isEmpty()) {
			return limits;
		}
		long limit = descriptors.getAsLong();
		long fits = Math.max(1, limit - reserve);
		if (limits.maxConnections() <= fits) {
			return limits;
		}
		logger.warn("chat.tcp.max-connections (" + limits.maxConnections() + ") and chat.tcp.descriptor-reserve ("
				+ reserve + ") do not fit in this process's file descriptor limit (" + limit + "): accepting at most "
				+ fits + " chat connections; raise the limit (ulimit -n, LimitNOFILE) to allow more");
		return limits.withMaxConnections((int) fits);
	}

	/** The process's descriptor limit (the JVM raises the soft limit to the hard one at start on Linux). */
	static OptionalLong processLimit() {
		OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
		if (os instanceof UnixOperatingSystemMXBean unix && unix.getMaxFileDescriptorCount() > 0) {
			return OptionalLong.of(unix.getMaxFileDescriptorCount());
		}
		return OptionalLong.empty();
	}

}
