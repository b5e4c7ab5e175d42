package com.chatrelay.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/** Prometheus's own checker, from Debian's prometheus package (which .ci/run installs). */
public final class Promtool {

	private Promtool() {
	}

	/** What promtool printed and how it exited. */
	public record Result(int exitCode, String output) {
	}

	public static Result run(String stdin, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(find().getPath());
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		if (stdin != null) {
			process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
		}
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IOException("promtool did not finish");
		}
		return new Result(process.exitValue(), output);
	}

	private static File find() throws IOException {
		for (String dir : System.getenv("PATH").split(File.pathSeparator)) {
			File candidate = new File(dir, "promtool");
			if (candidate.canExecute()) {
				return candidate;
			}
		}
		// CI installs it and must not skip; on a developer's machine without it, skip
		Assumptions.assumeTrue(System.getenv("CI") == null, "promtool is missing");
		throw new IOException("promtool not found on PATH; CI must install Debian's prometheus package");
	}

}
