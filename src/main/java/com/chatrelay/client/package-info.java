/**
 * The terminal client ({@code java -jar chat-relay.jar client}): its arguments, the connection, a
 * line editor on a terminal or plain lines when piped, and the server's lines cleaned before they
 * are shown. No Spring.
 */
package com.chatrelay.client;
