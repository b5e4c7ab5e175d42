package com.chatrelay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.chatrelay.ConfigurationReference.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.chatrelay.ConfigurationReference.DOC;
import static com.chatrelay.ConfigurationReference.METADATA;
import static com.chatrelay.ConfigurationReference.REGENERATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * docs/configuration.md's table is the configuration metadata's: every {@code chat.*} property, its
 * default and its description, as the annotation processor read them from ChatProperties.
 */
class ConfigurationReferenceTest {

	/** The doc as it should be, for a diff: {@code diff docs/configuration.md target/generated-docs/configuration.md}. */
	private static final Path EXPECTED = Path.of("target/generated-docs/configuration.md");

	private static Map<String, Row> metadata;

	@BeforeAll
	static void readMetadata() throws IOException {
		assertThat(METADATA).as("the annotation processor's output; build with ./mvnw compile").isRegularFile();
		metadata = ConfigurationReference.rows(METADATA);
		if (Boolean.getBoolean("chat.docs.regenerate")) {
			ConfigurationReference.regenerate(METADATA, DOC);
		}
	}

	@Test
	void theDocsTableIsTheMetadatas() throws IOException {
		String doc = Files.readString(DOC);
		String expected = ConfigurationReference.withBlock(doc, ConfigurationReference.block(metadata));
		Files.createDirectories(EXPECTED.getParent());
		Files.writeString(EXPECTED, expected);
		if (!expected.equals(doc)) {
			fail(DOC + " and the configuration metadata disagree:\n" + differences(ConfigurationReference.rowsOf(doc, true))
					+ "\nRegenerate the table (the prose around it stays): " + REGENERATE + "\nor compare: diff " + DOC
					+ " " + EXPECTED);
		}
	}

	@Test
	void everyPropertyHasADescription() {
		assertThat(metadata.values()).filteredOn((row) -> row.description().isEmpty())
			.extracting(Row::name)
			.as("a record component without an @param in its record's Javadoc")
			.isEmpty();
	}

	@Test
	void theMetadataHasEveryPropertyTheRecordsDeclare() {
		assertThat(metadata.keySet())
			.as("the metadata's names against the records' (a section in a file of its own needs "
					+ "@NestedConfigurationProperty, or the processor takes it for one value)")
			.containsExactlyElementsOf(UnknownPropertyFailureAnalyzer.knownNames());
	}

	@Test
	void theTopicPagesGiveTheMetadatasDefaults() throws IOException {
		// limits.md, operations.md, proxy-protocol.md repeat some rows with their own words: the names and defaults must hold
		List<String> wrong = new ArrayList<>();
		try (Stream<Path> pages = Files.list(DOC.getParent())) {
			for (Path page : pages.filter((p) -> p.toString().endsWith(".md") && !p.equals(DOC)).sorted().toList()) {
				ConfigurationReference.rowsOf(Files.readString(page), false).forEach((name, row) -> {
					Row known = metadata.get(name);
					if (known == null || !known.defaultValue().equals(row.defaultValue())) {
						wrong.add(page + ": " + name + " " + row.defaultValue() + ((known != null)
								? ", the metadata says " + known.defaultValue() : " is not a property"));
					}
				});
			}
		}
		assertThat(wrong).as("rows of chat.* properties in the other pages of docs/").isEmpty();
	}

	private static String differences(Map<String, Row> documented) {
		List<String> lines = new ArrayList<>();
		metadata.forEach((name, row) -> {
			Row doc = documented.get(name);
			if (doc == null) {
				lines.add("  " + name + " is missing");
			}
			else if (!doc.defaultValue().equals(row.defaultValue())) {
				lines.add("  " + name + ": default " + doc.defaultValue() + " in the doc, " + row.defaultValue() + " in the metadata");
			}
			else if (!doc.description().equals(row.description())) {
				lines.add("  " + name + ": the doc says \"" + doc.description() + "\", the metadata \"" + row.description() + "\"");
			}
		});
		documented.keySet().stream().filter((name) -> !metadata.containsKey(name))
			.forEach((name) -> lines.add("  " + name + " is not a property (any more)"));
		if (lines.isEmpty()) {
			lines.add("  the rows agree; their order or the text around them differs");
		}
		return String.join("\n", lines);
	}

}
