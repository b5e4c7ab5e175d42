package com.chatrelay;

import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.Name;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.CommandLinePropertySource;

/**
 * An unknown {@code chat.*} property (ChatProperties refuses them) as one line per property: its
 * name, where it came from, and the known name it is closest to; not Boot's dump of the binding's
 * internals ({@code Bindable@591be8aa type = ...}).
 */
@Order(Ordered.HIGHEST_PRECEDENCE) // before Boot's own analyzer of the same exception
class UnknownPropertyFailureAnalyzer extends AbstractFailureAnalyzer<UnboundConfigurationPropertiesException> {

	/** Edits (a typo, a letter swapped) within which a known name is offered. */
	private static final int MAX_EDITS = 2;

	private static final List<String> KNOWN = List.copyOf(names("chat", ChatProperties.class, new ArrayList<>()));

	/** Every {@code chat.*} property name, in the order the records declare them. */
	static List<String> knownNames() {
		return KNOWN;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnboundConfigurationPropertiesException cause) {
		String description = cause.getUnboundProperties().stream()
			.sorted(Comparator.comparing((property) -> property.getName().toString()))
			.map(UnknownPropertyFailureAnalyzer::describe)
			.collect(Collectors.joining(System.lineSeparator()));
		return new FailureAnalysis(description,
				"Correct the name or remove the property; docs/configuration.md lists every chat.* property.", cause);
	}

	static String describe(ConfigurationProperty property) {
		String name = property.getName().toString();
		String suggestion = closest(name);
		return "Unknown property " + name + " (" + from(property.getOrigin()) + ")"
				+ ((suggestion != null) ? ": did you mean " + suggestion + "?" : "");
	}

	/**
	 * The command line, or a file and its line. Boot checks no other sources for unknown names: the
	 * environment and system properties hold much that is not the relay's.
	 */
	private static String from(Origin origin) {
		if (origin instanceof PropertySourceOrigin source
				&& CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME.equals(source.getPropertySource().getName())) {
			return "from the command line";
		}
		return (origin != null) ? "from " + origin : "origin unknown";
	}

	/** The known name within {@link #MAX_EDITS}, or the one that ends the same way under another parent. */
	private static String closest(String name) {
		String best = null;
		int bestEdits = MAX_EDITS + 1;
		for (String known : KNOWN) {
			int edits = edits(name, known);
			if (edits < bestEdits) {
				best = known;
				bestEdits = edits;
			}
		}
		if (best != null) {
			return best;
		}
		String last = name.substring(Math.max(0, name.lastIndexOf('.')));
		List<String> sameEnd = KNOWN.stream().filter((known) -> known.endsWith(last)).toList();
		return (sameEnd.size() == 1) ? sameEnd.get(0) : null;
	}

	/** Edit distance, a swap of two neighbours counting one (optimal string alignment). */
	private static int edits(String a, String b) {
		int[][] d = new int[a.length() + 1][b.length() + 1];
		for (int i = 0; i <= a.length(); i++) {
			for (int j = 0; j <= b.length(); j++) {
				if (i == 0 || j == 0) {
					d[i][j] = i + j;
					continue;
				}
				int cost = (a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1;
				d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
				if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
					d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
				}
			}
		}
		return d[a.length()][b.length()];
	}

	/** Every property name under {@code prefix}, from the records' components in kebab case (or their {@link Name}). */
	private static List<String> names(String prefix, Class<?> type, List<String> names) {
		RecordComponent[] components = type.getRecordComponents();
		Parameter[] parameters = canonicalConstructor(type, components).getParameters();
		for (int i = 0; i < components.length; i++) {
			RecordComponent component = components[i];
			Name named = parameters[i].getAnnotation(Name.class); // chat.rooms.default: a Java keyword
			String name = prefix + "." + ((named != null) ? named.value()
					: component.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase());
			if (isSection(component.getType())) {
				names(name, component.getType(), names);
			}
			else {
				names.add(name);
			}
		}
		return names;
	}

	private static Constructor<?> canonicalConstructor(Class<?> type, RecordComponent[] components) {
		Class<?>[] types = new Class<?>[components.length];
		for (int i = 0; i < components.length; i++) {
			types[i] = components[i].getType();
		}
		try {
			return type.getDeclaredConstructor(types);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException("a record has its canonical constructor: " + type, ex);
		}
	}

	/** A section of the settings (chat.tcp, chat.tcp.ssl): one of this package's records, not a value. */
	private static boolean isSection(Class<?> type) {
		return type.isRecord() && type.getPackageName().equals(ChatProperties.class.getPackageName());
	}

}
