/**
 * The application: {@link com.chatrelay.ChatRelayApplication} starts the relay, or with a first word
 * the terminal client or the load generator ({@link com.chatrelay.CommandLine}); the one
 * {@code chat.*} settings tree ({@link com.chatrelay.ChatProperties} and its section records); the
 * start-up summary line.
 * Feature packages: {@code tcp} (the chat port), {@code chat} (the room, plain Java), {@code admin}
 * (REST API, console, security, audit), {@code cluster} (Redis), {@code metrics}, {@code descriptors},
 * {@code logging}; {@code client} and {@code bench} run without Spring.
 */
package com.chatrelay;
