/**
 * The admin REST API under {@code /api} (users, stats, disconnects, announcements, bans, rooms,
 * audit), also under {@code /admin/api} for the console's session, its OpenAPI description, and the Actuator
 * {@code chat} endpoint. May use {@code chat} and {@code admin.audit} (every change is recorded); not
 * {@code admin.console}, nor {@code admin.security} (its chains decide who may call, around the API),
 * nor {@code admin.errors} (an operation throws; the problems are written there).
 */
package com.chatrelay.admin.api;
