/**
 * The terminal client ({@code java -jar chat-relay.jar client}): plain sockets or TLS, JLine on a
 * terminal, plain lines when piped; it cleans what the server sends as the relay cleans chat text.
 * No Spring; may use the {@code chat} package's text sanitizer only.
 */
package com.chatrelay.client;
