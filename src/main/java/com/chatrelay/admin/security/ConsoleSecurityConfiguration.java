package com.chatrelay.admin.security;

import com.chatrelay.admin.errors.ProblemWriter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The admin console ({@code /admin}): the same admin user logs in with a form (which a browser and its
 * password manager handle well) and keeps a session; CSRF tokens guard the form and every change the
 * page asks for; the pages are sent with a strict Content-Security-Policy (only the service's own
 * scripts and styles, nothing inline). Failed logins count in the same {@link LoginGuard} as the API's.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleSecurityConfiguration {

	/**
	 * Everything the page loads comes from this service; no inline script or style, no framing; and no
	 * string reaches an HTML or script sink (Trusted Types, where the browser has them): the page builds
	 * its DOM with text only.
	 */
	public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
			+ "require-trusted-types-for 'script'";

	/** What the page itself calls: answered with problems, never with a redirect or an HTML page. */
	private static final RequestMatcher PAGE_CALLS = PathPatternRequestMatcher.withDefaults().matcher("/admin/api/**");

	@Bean
	@Order(1)
	SecurityFilterChain consoleSecurity(HttpSecurity http, JsonMapper mapper, MeterRegistry registry,
			LoginGuard loginGuard) throws Exception {
		// not a bean: Boot would also register a Filter bean for every request outside security
		ProblemWriter problems = new ProblemWriter(mapper);
		LoginGuardFilter guard = new LoginGuardFilter(loginGuard, new FormLogin(problems), registry);
		// "/admin/**" matches "/admin" too
		http.securityMatcher("/admin/**")
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers(FormLogin.LOGIN, "/admin/assets/**").permitAll()
				.anyRequest().hasRole(SecurityConfiguration.ADMIN))
			.addFilterBefore(guard, UsernamePasswordAuthenticationFilter.class)
			.formLogin((form) -> form.loginPage(FormLogin.LOGIN)
				.successHandler(FormLogin.succeeded("/admin"))
				.failureHandler(FormLogin.failed(FormLogin.LOGIN + "?error")))
			.logout((logout) -> logout.logoutUrl("/admin/logout").logoutSuccessUrl(FormLogin.LOGIN + "?logout"))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint(problems))
				.accessDeniedHandler(staleLoginBackToTheForm(problems)))
			.requestCache((cache) -> cache.disable())
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
		return http.build();
	}

	/**
	 * A login form submitted after its session ended carries a token nobody knows: back to the form
	 * with "your session ended" rather than an error page. The page's own calls get a 403 problem (a
	 * missing or stale CSRF token, say); any other refusal is a plain 403.
	 */
	private static AccessDeniedHandler staleLoginBackToTheForm(ProblemWriter problems) {
		AccessDeniedHandler otherwise = new AccessDeniedHandlerImpl();
		return (request, response, denied) -> {
			if (denied instanceof CsrfException && FormLogin.LOGIN.equals(request.getServletPath())) {
				response.sendRedirect(request.getContextPath() + FormLogin.LOGIN + "?expired");
			}
			else if (PAGE_CALLS.matches(request)) {
				problems.write(request, response, HttpStatus.FORBIDDEN, (denied instanceof CsrfException)
						? "the CSRF token is missing or not this session's; reload the console" : "not allowed");
			}
			else {
				otherwise.handle(request, response, denied);
			}
		};
	}

	/**
	 * The page's own calls get a 401 problem they can act on (back to the form), without a Basic
	 * prompt; anything else goes to the form.
	 */
	private static AuthenticationEntryPoint entryPoint(ProblemWriter problems) {
		AuthenticationEntryPoint toTheForm = new LoginUrlAuthenticationEntryPoint(FormLogin.LOGIN);
		return (request, response, exception) -> {
			if (PAGE_CALLS.matches(request)) {
				problems.write(request, response, HttpStatus.UNAUTHORIZED, "log in to the console first");
			}
			else {
				toTheForm.commence(request, response, exception);
			}
		};
	}

}
