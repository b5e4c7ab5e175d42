package com.chatrelay.admin.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.core.annotation.AliasFor;
import org.springframework.http.ProblemDetail;

/**
 * An error answer of an operation, as OpenAPI describes it: an RFC 9457 problem, as every error of the
 * HTTP port is (springdoc reads it as the {@link ApiResponse} it is meta-annotated with).
 */
@Target({ ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(ProblemResponse.List.class)
@ApiResponse(content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@interface ProblemResponse {

	@AliasFor(annotation = ApiResponse.class)
	String responseCode();

	@AliasFor(annotation = ApiResponse.class)
	String description();

	/** The container of repeated {@link ProblemResponse}s. */
	@Target({ ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE })
	@Retention(RetentionPolicy.RUNTIME)
	@Documented
	@interface List {

		ProblemResponse[] value();

	}

}
