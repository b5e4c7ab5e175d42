package com.chatrelay.support;

import java.io.File;
import java.io.IOException;

import org.junit.jupiter.api.Assumptions;

/**
 * Finds a program the tests drive for real (Debian packages that .ci/run installs). A developer's
 * machine without it skips the test with the reason; CI ({@code CI} set) must have it, so there a
 * missing program fails the run.
 */
public final class Binaries {

	private Binaries() {
	}

	/** The program's path; skips the calling test where it is missing, unless running in CI. */
	public static String find(String program, String debianPackage) throws IOException {
		for (String dir : System.getenv("PATH").split(File.pathSeparator)) {
			File candidate = new File(dir, program);
			if (candidate.canExecute()) {
				return candidate.getPath();
			}
		}
		if (!inCi()) {
			Assumptions.abort(program + " is not on the PATH (Debian package " + debianPackage
					+ "); this test needs the real program and is skipped outside CI");
		}
		throw new IOException(program + " not found on PATH; CI must install Debian's " + debianPackage + " package");
	}

	/** CI sets {@code CI} (to {@code true}); an empty or {@code false} value is a developer's machine. */
	static boolean inCi() {
		String ci = System.getenv("CI");
		return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
	}

}
