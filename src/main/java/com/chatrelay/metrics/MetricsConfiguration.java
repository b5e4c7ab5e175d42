package com.chatrelay.metrics;

import com.chatrelay.chat.ChatServer;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the chat's meters into the application's Micrometer registry. */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

	@Bean
	ChatMeters chatMeters(MeterRegistry registry) {
		return new ChatMeters(registry);
	}

	@Bean
	ChatGauges chatGauges(ChatServer server) {
		return new ChatGauges(server);
	}

	@Bean
	AcceptPauses acceptPauses() {
		return new AcceptPauses();
	}

}
