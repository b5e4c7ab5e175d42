package com.chatrelay.admin;

import java.time.Instant;

/**
 * One admin action, as {@code GET /api/audit} shows it.
 *
 * @param at when
 * @param username the admin user who did it
 * @param remoteAddress where the request came from
 * @param action kick, ban, unban or announce
 * @param target the user, ban or nothing it was done to
 * @param detail the reason or the announced text
 */
record AuditEntry(Instant at, String username, String remoteAddress, String action, String target, String detail) {
}
