/**
 * The chat domain, plain Java: names and their rules, the handshake, commands, the room's members,
 * broadcast, rate limits, bans, presence, the disconnect log. It knows nothing of sockets, Spring or
 * Spring Integration: a connection is the {@link com.chatrelay.chat.ClientConnection} interface, the
 * cluster the {@link com.chatrelay.chat.Cluster} interface, so it is unit-tested alone. May use ICU4J,
 * Jackson's annotations and the JDK only.
 */
package com.chatrelay.chat;
