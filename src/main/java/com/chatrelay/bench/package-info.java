/**
 * The load generator ({@code java -jar chat-relay.jar bench}): clients that chat, churn and attack
 * a running relay over real sockets, with latency in HdrHistogram and the relay's CPU and memory
 * read from /proc. No Spring context; talks to the relay only over the network.
 */
package com.chatrelay.bench;
