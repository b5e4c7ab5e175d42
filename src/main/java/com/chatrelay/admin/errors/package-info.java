/**
 * Every error of the HTTP port as an RFC 9457 problem, wherever it is decided (Tomcat, the firewall,
 * Spring MVC, Boot's {@code /error}, a body over the limit), strict JSON bodies, and the count of
 * refused requests. Uses nothing else of {@code admin} and nothing of {@code chat}: security's filters
 * write their refusals with it.
 */
package com.chatrelay.admin.errors;
