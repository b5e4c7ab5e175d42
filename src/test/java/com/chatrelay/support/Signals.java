package com.chatrelay.support;

import java.io.IOException;

/**
 * Sends POSIX signals the JDK has no call for (SIGSTOP, SIGCONT) with the shell's {@code kill}
 * builtin (a slim image may have no {@code kill} program).
 */
public final class Signals {

	private Signals() {
	}

	public static void send(String signal, long pid) throws IOException, InterruptedException {
		Process kill = new ProcessBuilder("sh", "-c", "kill -s " + signal + " \"$1\"", "sh", Long.toString(pid))
			.inheritIO().start();
		if (kill.waitFor() != 0) {
			throw new IOException("kill -" + signal + " " + pid + " failed");
		}
	}

}
