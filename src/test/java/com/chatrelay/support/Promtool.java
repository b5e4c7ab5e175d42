package com.chatrelay.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Prometheus's own checker, from Debian's prometheus package (which .ci/run installs). */
public final class Promtool {

	private Promtool() {
	}

	/** What promtool printed and how it exited. */
	public record Result(int exitCode, String output) {
	}

	public static Result run(String stdin, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Binaries.find("promtool", "prometheus"));
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

}
