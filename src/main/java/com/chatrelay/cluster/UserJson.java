package com.chatrelay.cluster;

import java.util.List;

import com.chatrelay.chat.RoomSnapshot;
import com.chatrelay.chat.UserView;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** Users as they travel between replicas: JSON in the text of {@code JOINED}, {@code RENAMED}, {@code SNAPSHOT} and {@code ROOMS} events. */
final class UserJson {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final TypeReference<List<UserView>> USERS = new TypeReference<>() {
	};

	private UserJson() {
	}

	static String write(Object userOrUsers) {
		return JSON.writeValueAsString(userOrUsers);
	}

	static UserView user(String json) {
		return JSON.readValue(json, UserView.class);
	}

	static List<UserView> users(String json) {
		return JSON.readValue(json, USERS);
	}

	static RoomSnapshot rooms(String json) {
		return JSON.readValue(json, RoomSnapshot.class);
	}

}
