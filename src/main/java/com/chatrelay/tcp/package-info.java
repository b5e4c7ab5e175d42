/**
 * The chat port: Spring Integration's NIO connection factory with its inbound and outbound adapters
 * and the LF serializer, and beneath them the transport that keeps the protocol's guarantees
 * (PROXY header, TLS, fair reading, per-connection outbound queues, slow consumers, accept pauses,
 * shutdown). Hands each framed line to the {@code chat} package's room and writes what the room
 * sends; may use {@code chat}, {@code metrics} and {@code logging}, never {@code admin} or
 * {@code cluster}.
 */
package com.chatrelay.tcp;
