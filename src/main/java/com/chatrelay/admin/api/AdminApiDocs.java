package com.chatrelay.admin.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/** How OpenAPI describes every controller of the admin API: its tag, HTTP Basic, and the 401 without it. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag(name = "admin", description = "Operate the chat relay")
@SecurityRequirement(name = OpenApiConfiguration.BASIC_AUTH)
@ProblemResponse(responseCode = "401", description = "No or wrong admin credentials")
@interface AdminApiDocs {

}
