/**
 * What operators use over HTTP, a sub-package a feature: {@code api} (the REST API under {@code /api}
 * and the Actuator {@code chat} endpoint), {@code console} (the pages under {@code /admin} and their
 * poll), {@code audit} (the trail of admin actions), {@code security} (who may call what: HTTP Basic,
 * the console's form login, the brute-force lockout) and {@code errors} (every error of the HTTP port
 * as an RFC 9457 problem). They talk to the room through the {@code chat} package's public API only;
 * none may use {@code tcp} or {@code cluster}.
 */
package com.chatrelay.admin;
