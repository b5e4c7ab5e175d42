package com.chatrelay.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Piped input and output: reads the user's lines as UTF-8 and prints each shown line as it comes. */
final class PlainConsole implements ClientConsole {

	private final BufferedReader in;

	private final PrintStream out;

	PlainConsole(InputStream in, PrintStream out) {
		this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
		this.out = out;
	}

	@Override
	public String readLine() throws IOException {
		return this.in.readLine();
	}

	@Override
	public void show(String line) {
		this.out.println(line);
		this.out.flush();
	}

	@Override
	public boolean isTerminal() {
		return false;
	}

	@Override
	public void close() {
		this.out.flush();
	}

}
