package com.chatrelay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/configuration.md's table of {@code chat.*} properties, made from the configuration metadata
 * the annotation processor writes from ChatProperties' Javadoc and {@code @DefaultValue}s.
 */
final class ConfigurationReference {

	static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");

	static final Path DOC = Path.of("docs/configuration.md");

	static final String START = "<!-- generated:start";

	static final String END = "<!-- generated:end -->";

	/** How to bring the doc in line: a system property the test reads, passed through by Surefire. */
	static final String REGENERATE = "./mvnw -B test -Dtest=ConfigurationReferenceTest -Dchat.docs.regenerate=true";

	private ConfigurationReference() {
	}

	/** One property as the table shows it. */
	record Row(String name, String defaultValue, String description) {

		String markdown() {
			return "| `" + this.name + "` | " + this.defaultValue + " | " + this.description + " |";
		}

	}

	/** The metadata's {@code chat.*} properties, in the order the records declare them, by name. */
	static Map<String, Row> rows(Path metadata) throws IOException {
		List<String> order = UnknownPropertyFailureAnalyzer.knownNames();
		List<Row> rows = new ArrayList<>();
		for (JsonNode property : JsonMapper.builder().build().readTree(metadata.toFile()).path("properties")) {
			String name = property.path("name").asString();
			if (name.startsWith("chat.")) {
				rows.add(new Row(name, defaultValue(property), markdown(property.path("description").asString(""))));
			}
		}
		// a name the records do not declare sorts last (and the test names it)
		rows.sort(Comparator.comparingInt((Row row) -> order.contains(row.name()) ? order.indexOf(row.name()) : order.size())
			.thenComparing(Row::name));
		Map<String, Row> byName = new LinkedHashMap<>();
		rows.forEach((row) -> byName.put(row.name(), row));
		return byName;
	}

	/** The generated block, its markers included. */
	static String block(Map<String, Row> rows) {
		StringBuilder block = new StringBuilder();
		block.append(START).append(" from the configuration metadata (ChatProperties' Javadoc and defaults); ")
			.append("edit those, then: ").append(REGENERATE).append(" -->\n");
		block.append("| property | default | meaning |\n| --- | --- | --- |\n");
		rows.values().forEach((row) -> block.append(row.markdown()).append('\n'));
		return block.append(END).append('\n').toString();
	}

	/** The doc with its generated block replaced; the prose around it stays. */
	static String withBlock(String doc, String block) {
		int start = doc.indexOf(START);
		int end = doc.indexOf(END);
		if (start < 0 || end < start) {
			throw new IllegalStateException(DOC + " has no " + START + " ... " + END + " block");
		}
		int afterEnd = doc.indexOf('\n', end);
		return doc.substring(0, start) + block + ((afterEnd < 0) ? "" : doc.substring(afterEnd + 1));
	}

	/**
	 * The rows of {@code chat.*} properties in a page, by name: those of its generated block, or
	 * (outside) every table row that starts with one.
	 */
	static Map<String, Row> rowsOf(String doc, boolean generatedBlock) {
		Map<String, Row> rows = new LinkedHashMap<>();
		int start = doc.indexOf(START);
		int end = doc.indexOf(END);
		String text = (!generatedBlock) ? doc : (start >= 0 && end > start) ? doc.substring(start, end) : "";
		for (String line : text.split("\n")) {
			if (line.startsWith("| `chat.") && line.endsWith(" |")) {
				// the name and default hold no '|'; the meaning may (escaped)
				String[] cells = line.substring(2, line.length() - 2).split(" \\| ", 3);
				String name = cells[0].replace("`", "");
				rows.put(name, new Row(name, (cells.length > 1) ? cells[1] : "", (cells.length > 2) ? cells[2] : ""));
			}
		}
		return rows;
	}

	private static String defaultValue(JsonNode property) {
		JsonNode value = property.path("defaultValue");
		if (value.isMissingNode() || value.isNull()) {
			return property.path("type").asString().startsWith("java.util.List") ? "empty" : "unset";
		}
		String text = value.asString();
		return text.isEmpty() ? "empty" : "`" + text + "`";
	}

	/** Javadoc's inline tags as Markdown; a '|' would end the cell. */
	static String markdown(String javadoc) {
		return javadoc.replaceAll("\\{@(?:code|literal) ([^}]*)}", "`$1`")
			.replaceAll("\\{@link(?:plain)? (?:[^}#]*#)?([^} ]+)[^}]*}", "$1")
			.replaceAll("\\s+", " ")
			.replace("|", "\\|")
			.strip();
	}

	/** Writes the regenerated doc (the test calls it when asked to). */
	static void regenerate(Path metadata, Path doc) throws IOException {
		Files.writeString(doc, withBlock(Files.readString(doc), block(rows(metadata))));
	}

}
