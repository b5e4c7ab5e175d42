/**
 * Who may call what: the API's HTTP Basic chain and the console's form-login chain for the one admin
 * user, the brute-force lockout both share, the password check. It names what it guards
 * ({@code admin.api}'s endpoint and OpenAPI paths, {@code admin.console}'s login page) and refuses with
 * {@code admin.errors}' problems; what it guards does not know it. Never uses {@code chat}.
 */
package com.chatrelay.admin.security;
