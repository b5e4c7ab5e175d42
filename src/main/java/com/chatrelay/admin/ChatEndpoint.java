package com.chatrelay.admin;

import java.util.List;

import com.chatrelay.chat.ChatRoom;
import com.chatrelay.chat.UserView;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.stereotype.Component;

/** {@code /actuator/chat}: stats and users; DELETE {@code /actuator/chat/{name}} disconnects one. */
@Component
@Endpoint(id = "chat")
class ChatEndpoint {

	private final ChatRoom room;

	ChatEndpoint(ChatRoom room) {
		this.room = room;
	}

	@ReadOperation
	Overview overview() {
		return new Overview(StatsResponse.of(this.room.stats()), this.room.users());
	}

	@DeleteOperation
	WebEndpointResponse<Void> disconnect(@Selector String name) {
		boolean kicked = this.room.kick(name, null);
		return new WebEndpointResponse<>(kicked ? WebEndpointResponse.STATUS_NO_CONTENT : WebEndpointResponse.STATUS_NOT_FOUND);
	}

	record Overview(StatsResponse stats, List<UserView> users) {
	}

}
