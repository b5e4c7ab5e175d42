package com.chatrelay;

import java.util.Arrays;

import com.chatrelay.bench.BenchCommand;
import com.chatrelay.client.ChatClient;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Starts the relay; with a first argument {@code client} the terminal client, with {@code bench} the
 * load generator (neither starts a Spring context).
 */
@SpringBootApplication
@EnableConfigurationProperties(ChatProperties.class)
public class ChatRelayApplication {

	public static void main(String[] args) {
		if (args.length > 0 && args[0].equals("client")) {
			System.exit(ChatClient.run(Arrays.copyOfRange(args, 1, args.length), System.in, System.out));
		}
		if (args.length > 0 && args[0].equals("bench")) {
			System.exit(BenchCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out));
		}
		SpringApplication.run(ChatRelayApplication.class, args);
	}

}
