/**
 * What operators use over HTTP: the REST API under {@code /api} (users, stats, disconnects,
 * announcements, bans, audit), the console under {@code /admin}, the Actuator {@code chat} endpoint,
 * their security (HTTP Basic, the console's form login, brute-force lockout) and their errors
 * (RFC 9457 problem details everywhere). Talks to the room through the {@code chat} package's public
 * API only; may use {@code chat}, never {@code tcp} or {@code cluster}.
 */
package com.chatrelay.admin;
