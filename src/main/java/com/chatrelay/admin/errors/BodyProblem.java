package com.chatrelay.admin.errors;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * The detail of a 400 for a request body Jackson would not read (see {@link StrictJsonConfiguration}):
 * names the unknown, duplicate or mistyped field, so a typo in a script is found at once.
 */
final class BodyProblem {

	/** Jackson's text for a key given twice; it has no exception type of its own. */
	private static final Pattern DUPLICATE = Pattern.compile("^Duplicate Object property \"(.*)\"");

	private BodyProblem() {
	}

	static String describe(HttpMessageNotReadableException ex) {
		JacksonException json = find(ex);
		if (json == null) {
			return "the request needs a JSON body";
		}
		if (json instanceof UnrecognizedPropertyException unknown) {
			String known = unknown.getKnownPropertyIds().stream().map(Objects::toString).sorted()
				.collect(Collectors.joining(", "));
			return "unknown field \"" + unknown.getPropertyName() + "\" (the fields are: " + known + ")";
		}
		Matcher duplicate = DUPLICATE.matcher(Objects.toString(json.getOriginalMessage(), ""));
		if (duplicate.find()) {
			return "duplicate field \"" + duplicate.group(1) + "\"";
		}
		if (json instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
			String field = mismatched.getPath().get(mismatched.getPath().size() - 1).getPropertyName();
			String expected = (mismatched.getTargetType() == String.class) ? "a JSON string" : "a value of another type";
			return "field \"" + field + "\" must be " + expected;
		}
		if (json instanceof StreamReadException && json.getLocation() != null) {
			return "malformed JSON at line " + json.getLocation().getLineNr() + ", column "
					+ json.getLocation().getColumnNr() + ": " + json.getOriginalMessage();
		}
		return "the request body is not the JSON expected: " + json.getOriginalMessage();
	}

	private static JacksonException find(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof JacksonException json) {
				return json;
			}
		}
		return null;
	}

}
