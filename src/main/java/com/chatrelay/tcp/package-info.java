/**
 * The chat port: Spring Integration's NIO connection factory with its inbound and outbound adapters
 * and the LF serializer, and beneath them the transport that keeps the protocol's guarantees. The
 * stages of a line, as {@code ChatTcpConfiguration} lists them: accept and select
 * ({@code ChatServerConnectionFactory}), read ({@code ChatNioConnection}, {@code ProxyHeaderStage},
 * {@code TlsReader}), frame ({@code LineFramer}), admit ({@code LineAdmission}), route (the inbound
 * adapter, {@code ChatServerHandler}, then the {@code chat} server), queue ({@code TcpClient}, the outbound
 * adapter, {@code OutboundQueue}) and write ({@code SelectorRound}, {@code SocketWriter}); before
 * readiness, {@code RelayWarmUp} runs that path hot on a private port ({@code PrivateRelay}). May use
 * {@code chat}, {@code metrics} and {@code logging}, never {@code admin} or {@code cluster}.
 */
package com.chatrelay.tcp;
