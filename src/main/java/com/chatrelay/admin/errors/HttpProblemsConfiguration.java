package com.chatrelay.admin.errors;

import com.chatrelay.ChatProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Every error of the HTTP port is an RFC 9457 problem, wherever it is decided: Tomcat's refusals
 * ({@link ProblemReportValve}), Spring Security's firewall, Boot's {@code /error}
 * ({@link ProblemErrorController}), a body over the limit ({@link RequestBodyLimitFilter}); Spring
 * MVC's own are {@link ApiExceptionHandler}'s.
 */
@Configuration(proxyBeanMethods = false)
class HttpProblemsConfiguration {

	@Bean
	RefusedRequests refusedRequests(MeterRegistry registry) {
		return new RefusedRequests(registry);
	}

	/** A path with {@code ..}, {@code ;}, an encoded dot or slash: 400, saying what the firewall saw. */
	@Bean
	RequestRejectedHandler firewallProblems(JsonMapper mapper, RefusedRequests refused) {
		ProblemWriter problems = new ProblemWriter(mapper);
		return (request, response, rejected) -> {
			refused.count(RefusedRequest.FIREWALL);
			problems.write(request, response, HttpStatus.BAD_REQUEST, rejected.getMessage());
		};
	}

	/**
	 * Puts the problem valve in the place of Tomcat's error report valve (Boot adds one of its own),
	 * after Boot's customizer has run.
	 */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReports(JsonMapper mapper,
			RefusedRequests refused, ServerProperties server) {
		ProblemReportValve problems = new ProblemReportValve(mapper, refused, server.getMaxHttpRequestHeaderSize());
		return (factory) -> factory.addContextCustomizers((context) -> {
			Host host = (Host) context.getParent();
			for (Valve valve : host.getPipeline().getValves()) {
				if (valve instanceof ErrorReportValve && valve != problems) {
					host.getPipeline().removeValve(valve);
				}
			}
			host.getPipeline().addValve(problems);
			// or the host adds Tomcat's own at its start, not finding one of that exact class
			((StandardHost) host).setErrorReportValveClass(ProblemReportValve.class.getName());
		});
	}

	@Bean
	ProblemErrorController errorController(ErrorAttributes attributes, WebProperties web,
			ObjectProvider<ErrorViewResolver> resolvers, JsonMapper mapper) {
		return new ProblemErrorController(attributes, web.getError(), resolvers.orderedStream().toList(),
				new ProblemWriter(mapper));
	}

	@Bean
	FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimit(ChatProperties properties, JsonMapper mapper,
			RefusedRequests refused) {
		FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestBodyLimitFilter(properties.admin().maxRequestBody(), new ProblemWriter(mapper), refused));
		registration.addUrlPatterns("/api/*", "/admin/api/*");
		return registration;
	}

}
