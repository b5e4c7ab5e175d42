package com.chatrelay.admin.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

import com.chatrelay.ChatProperties;
import com.chatrelay.admin.api.ChatEndpoint;
import com.chatrelay.admin.api.OpenApiConfiguration;
import com.chatrelay.admin.errors.ProblemWriter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * HTTP Basic for {@code /api/**}, its OpenAPI description and Swagger UI, and the {@code chat}
 * Actuator endpoint, one admin user, no sessions; health, info, metrics and prometheus stay open. The console ({@code /admin}) has its
 * own chain, ordered before this one: {@link ConsoleSecurityConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final Log logger = LogFactory.getLog(SecurityConfiguration.class);

	static final String ADMIN = "ADMIN";

	/** Failed logins per address, over the API and the console together. */
	@Bean
	LoginGuard loginGuard() {
		return new LoginGuard(Clock.systemUTC());
	}

	@Bean
	@Order(2)
	SecurityFilterChain adminSecurity(HttpSecurity http, JsonMapper mapper, MeterRegistry registry, LoginGuard loginGuard)
			throws Exception {
		ProblemWriter problems = new ProblemWriter(mapper);
		// not a bean: Boot would also register a Filter bean for every request outside security
		LoginGuardFilter guard = new LoginGuardFilter(loginGuard, new BasicLogin(problems), registry);
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers(EndpointRequest.to(ChatEndpoint.class)).hasRole(ADMIN)
			.requestMatchers(EndpointRequest.toAnyEndpoint()).permitAll()
			.requestMatchers("/api/**").hasRole(ADMIN)
			// the description of the API is the admin's too (SPEC: behind the admin credentials)
			.requestMatchers(OpenApiConfiguration.PATHS).hasRole(ADMIN)
			.anyRequest().permitAll())
			.addFilterBefore(guard, BasicAuthenticationFilter.class)
			.httpBasic((basic) -> basic.authenticationEntryPoint(problemEntryPoint(problems)))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			// a stateless API authenticated on every call: no cookies, so no CSRF to defend against
			.csrf((csrf) -> csrf.ignoringRequestMatchers("/api/**").ignoringRequestMatchers(EndpointRequest.toAnyEndpoint()))
			.formLogin((form) -> form.disable())
			.logout((logout) -> logout.disable())
			.requestCache((cache) -> cache.disable())
			.anonymous(Customizer.withDefaults());
		return http.build();
	}

	@Bean
	UserDetailsService adminUser(ChatProperties properties, PasswordEncoder encoder) {
		String password = properties.admin().password();
		if (password == null || password.isEmpty()) {
			password = generatePassword();
			logger.info("chat.admin.password is not set; generated admin password for user '"
					+ properties.admin().username() + "': " + password);
		}
		return new InMemoryUserDetailsManager(User.withUsername(properties.admin().username())
			.password(encoder.encode(password))
			.roles(ADMIN)
			.build());
	}

	/** A constant-time digest comparison: cheap on every call (see {@link DigestPasswordEncoder}). */
	@Bean
	PasswordEncoder passwordEncoder() {
		return new DigestPasswordEncoder();
	}

	/** 401 with {@code WWW-Authenticate: Basic} and an RFC 9457 body, like every other error of the API. */
	private static AuthenticationEntryPoint problemEntryPoint(ProblemWriter problems) {
		return (request, response, ex) -> {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"chat-relay\"");
			problems.write(request, response, HttpStatus.UNAUTHORIZED, "admin credentials are required (HTTP Basic)");
		};
	}

	private static String generatePassword() {
		byte[] random = new byte[18];
		new SecureRandom().nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

}
