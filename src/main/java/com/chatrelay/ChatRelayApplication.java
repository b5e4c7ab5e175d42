package com.chatrelay;

import java.util.OptionalInt;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Starts the relay; with a first argument {@code client} the terminal client, with {@code bench} the
 * load generator (neither starts a Spring context; see {@link CommandLine}).
 */
@SpringBootApplication
@EnableConfigurationProperties(ChatProperties.class)
public class ChatRelayApplication {

	public static void main(String[] args) {
		OptionalInt command = CommandLine.run(args, System.out, System.err);
		if (command.isPresent()) {
			System.exit(command.getAsInt());
		}
		hardenTls();
		SpringApplication.run(ChatRelayApplication.class, args);
	}

	/**
	 * JSSE defaults a public TLS port should not keep, unless the operator set them (-D...): the
	 * finite-field groups let a client that replays one recorded hello make the server spend ~60 ms
	 * of CPU per handshake (17 times an X25519 one), and client-initiated renegotiation (TLS 1.2,
	 * when enabled) lets one connection force handshake after handshake. Read once, when JSSE first
	 * loads: so here, before anything uses TLS.
	 */
	static void hardenTls() {
		setIfAbsent("jdk.tls.namedGroups", "x25519,secp256r1,secp384r1,x448,secp521r1");
		setIfAbsent("jdk.tls.rejectClientInitiatedRenegotiation", "true");
	}

	private static void setIfAbsent(String property, String value) {
		if (System.getProperty(property) == null) {
			System.setProperty(property, value);
		}
	}

}
