package com.chatrelay;

import com.chatrelay.chat.ChatLimits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every {@code chat.*} setting, checked at start-up: a bad value stops the service with a message
 * that names the property.
 * <p>
 * One record of this package per section: the large ones in files of their own
 * ({@link TcpProperties}, {@link AdminProperties}, {@link ClusterProperties}, {@link RoomsProperties}),
 * the two small ones nested here. A new section is one more component below, marked
 * {@code @NestedConfigurationProperty} so that the configuration processor walks into it as the
 * binder does. Each setting's {@code @param} and {@code @DefaultValue} are its description and
 * default in the configuration metadata, from which docs/configuration.md's table is made
 * ({@code ConfigurationReferenceTest} fails when they disagree).
 * @param tcp the chat socket
 * @param rateLimit lines per user
 * @param presence join, leave and rename notices
 * @param admin the admin user of the REST API
 * @param cluster running more than one replica
 * @param rooms the rooms and their limits
 */
@ConfigurationProperties(prefix = "chat", ignoreUnknownFields = false)
@Validated
public record ChatProperties(@NestedConfigurationProperty @Valid @DefaultValue TcpProperties tcp,
		@NestedConfigurationProperty @Valid @DefaultValue RateLimit rateLimit,
		@NestedConfigurationProperty @Valid @DefaultValue Presence presence,
		@NestedConfigurationProperty @Valid @DefaultValue AdminProperties admin,
		@NestedConfigurationProperty @Valid @DefaultValue ClusterProperties cluster,
		@NestedConfigurationProperty @Valid @DefaultValue RoomsProperties rooms) {

	/** The limits the chat room enforces. */
	public ChatLimits limits() {
		return new ChatLimits(this.tcp.maxLineLength(), this.tcp.maxConnections(), this.tcp.handshakeTimeout(),
				this.tcp.idleTimeout(), this.rateLimit.enabled(), this.rateLimit.linesPerSecond(),
				this.rateLimit.burst(), this.presence.quietAbove(), this.tcp.maxConnectionsPerAddress(),
				this.tcp.connectionRate().limits());
	}

	/**
	 * Lines per user.
	 * @param enabled limit lines per user
	 * @param linesPerSecond steady rate of lines per user
	 * @param burst lines a user may send at once after a pause
	 */
	public record RateLimit(@DefaultValue("true") boolean enabled, @DefaultValue("20") @Positive double linesPerSecond,
			@DefaultValue("40") @Positive int burst) {
	}

	/**
	 * Join, leave and rename notices.
	 * @param quietAbove from this many users online, join, leave and rename notices are not broadcast
	 * (the renamed user still reads theirs)
	 */
	public record Presence(@DefaultValue("1000") @Min(0) int quietAbove) {
	}

}
