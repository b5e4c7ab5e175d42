package com.chatrelay.deploy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.KubernetesResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * fabric8 puts fields it does not know into {@code additionalProperties} instead of failing: walk a
 * deserialized object and fail on any such field, so a typo in a template cannot pass.
 */
final class UnknownFields {

	private UnknownFields() {
	}

	static void assertNone(Object root) {
		walk(root, "$", new IdentityHashMap<>());
	}

	private static void walk(Object value, String path, Map<Object, Boolean> seen) {
		if (value == null || seen.put(value, Boolean.TRUE) != null) {
			return;
		}
		if (value instanceof Collection<?> items) {
			int index = 0;
			for (Object item : items) {
				walk(item, path + "[" + index++ + "]", seen);
			}
			return;
		}
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, item) -> walk(item, path + "." + key, seen));
			return;
		}
		if (!(value instanceof KubernetesResource)) {
			return;
		}
		for (Class<?> type = value.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
			for (Field field : type.getDeclaredFields()) {
				if (Modifier.isStatic(field.getModifiers())) {
					continue;
				}
				field.setAccessible(true);
				Object fieldValue;
				try {
					fieldValue = field.get(value);
				}
				catch (IllegalAccessException ex) {
					throw new IllegalStateException(ex);
				}
				if (field.getName().equals("additionalProperties")) {
					assertThat((Map<?, ?>) fieldValue).as("unknown fields at " + path).isNullOrEmpty();
				}
				else {
					walk(fieldValue, path + "." + field.getName(), seen);
				}
			}
		}
	}

}
