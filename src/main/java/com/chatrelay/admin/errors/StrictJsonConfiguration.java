package com.chatrelay.admin.errors;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Text in a request body must be a JSON string: Jackson would otherwise turn {@code {"text": 42}}
 * into the announcement "42", and an operator's script with a bug would broadcast it. A key given
 * twice, or one the body does not have, is refused too ({@link BodyProblem} names it).
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfiguration {

	@Bean
	JsonMapperBuilderCustomizer textMustBeAString() {
		return (builder) -> builder.withCoercionConfig(LogicalType.Textual, (config) -> config
			.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
			.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
			.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
			.setCoercion(CoercionInputShape.Array, CoercionAction.Fail)
			.setCoercion(CoercionInputShape.Object, CoercionAction.Fail))
			// {"text": "hi", "text": "other"} is ambiguous: refuse it rather than take the last
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			// {"text": "hi", "rooom": "#ops"} would go to everybody: a misspelt field must not do nothing
			// (Jackson 3 and Boot leave this off; this customizer runs after Boot's)
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
	}

}
