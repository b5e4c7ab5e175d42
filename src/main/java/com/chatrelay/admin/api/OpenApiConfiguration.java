package com.chatrelay.admin.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at {@code /v3/api-docs}, with the HTTP Basic scheme the API needs; it and
 * Swagger UI are behind the admin login ({@link SecurityConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

	static final String BASIC_AUTH = "basicAuth";

	/** What springdoc serves (springdoc.api-docs.path and springdoc.swagger-ui.path as configured). */
	public static final String[] PATHS = { "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html",
			"/swagger-ui/**" };

	@Bean
	OpenAPI chatRelayOpenApi() {
		return new OpenAPI()
			.info(new Info().title("chat-relay admin API")
				.description("See who is connected, count, disconnect, announce."))
			.components(new Components().addSecuritySchemes(BASIC_AUTH,
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")));
	}

}
