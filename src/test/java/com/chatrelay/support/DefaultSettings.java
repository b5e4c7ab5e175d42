package com.chatrelay.support;

import com.chatrelay.ChatProperties;
import com.chatrelay.chat.ChatLimits;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The {@code chat.*} settings with nothing set, bound as the service binds them: tests take the
 * defaults from ChatProperties' {@code @DefaultValue}s, the one place they are written.
 */
public final class DefaultSettings {

	private DefaultSettings() {
	}

	/** Every setting at its default. */
	public static ChatProperties properties() {
		return new Binder(new MapConfigurationPropertySource()).bindOrCreate("chat", ChatProperties.class);
	}

	/** The room's limits at their defaults. */
	public static ChatLimits limits() {
		return properties().limits();
	}

}
