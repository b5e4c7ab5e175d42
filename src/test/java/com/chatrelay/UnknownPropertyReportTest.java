package com.chatrelay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An unknown {@code chat.*} property stops the start with Boot's failure report, one line per
 * property: its name, where it came from, the known name it is closest to; no binding internals.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnknownPropertyReportTest {

	@Test
	void aTypoOnTheCommandLineIsNamedWithTheNameMeant(CapturedOutput output) {
		start("--chat.tcp.prot=6000", "--chat.max-line-length=100", "--chat.tcp.zzzzzz=1");
		assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
			.contains("Unknown property chat.tcp.prot (from the command line): did you mean chat.tcp.port?")
			.contains("Unknown property chat.max-line-length (from the command line): did you mean chat.tcp.max-line-length?")
			.contains("Unknown property chat.tcp.zzzzzz (from the command line)\n")
			.contains("docs/configuration.md")
			.doesNotContain("Bindable@").doesNotContain("were left unbound");
	}

	@Test
	void aTypoInAFileIsNamedWithTheFileAndLine(@TempDir Path dir, CapturedOutput output) throws IOException {
		Files.writeString(dir.resolve("application.yml"), "chat:\n  rate-limit:\n    brust: 5\n");
		start("--spring.config.additional-location=file:" + dir + "/");
		assertThat(output.getOut()).containsPattern(
				"Unknown property chat\\.rate-limit\\.brust \\(from .*application\\.yml.* - 3:12\\): did you mean chat\\.rate-limit\\.burst\\?");
	}

	private static void start(String... args) {
		String[] all = new String[args.length + 3];
		System.arraycopy(args, 0, all, 0, args.length);
		all[args.length] = "--server.port=0";
		all[args.length + 1] = "--management.server.port=0";
		all[args.length + 2] = "--chat.tcp.port=0";
		assertThatThrownBy(() -> new SpringApplicationBuilder(ChatRelayApplication.class).run(all).close())
			.hasStackTraceContaining("UnboundConfigurationPropertiesException");
	}

}
