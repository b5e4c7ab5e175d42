package com.chatrelay.support;

import java.io.File;
import java.io.IOException;

import org.junit.jupiter.api.Assumptions;

/** Finds a program the tests drive for real (Debian packages that .ci/run installs). */
public final class Binaries {

	private Binaries() {
	}

	/**
	 * The program's path. Missing in CI is a failure; missing on a developer's machine skips the test.
	 */
	public static String find(String program, String debianPackage) throws IOException {
		for (String dir : System.getenv("PATH").split(File.pathSeparator)) {
			File candidate = new File(dir, program);
			if (candidate.canExecute()) {
				return candidate.getPath();
			}
		}
		Assumptions.assumeTrue(System.getenv("CI") == null, program + " is missing (Debian package " + debianPackage + ")");
		throw new IOException(program + " not found on PATH; CI must install Debian's " + debianPackage + " package");
	}

}
