package com.chatrelay.admin.api;

import java.util.List;

import com.chatrelay.chat.ChatServer;
import com.chatrelay.chat.ClusterUnavailableException;
import com.chatrelay.chat.UserView;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/** {@code /actuator/chat}: stats and users; DELETE {@code /actuator/chat/{name}} disconnects one. */
@Component
@Endpoint(id = "chat")
public class ChatEndpoint {

	private final ChatServer server;

	private final Kicks kicks;

	ChatEndpoint(ChatServer server, Kicks kicks) {
		this.server = server;
		this.kicks = kicks;
	}

	@ReadOperation
	Overview overview() {
		return new Overview(StatsResponse.of(this.server.stats()), this.server.users());
	}

	@DeleteOperation
	WebEndpointResponse<ProblemDetail> disconnect(@Selector String name) {
		boolean kicked;
		try {
			kicked = this.kicks.kick(name, null);
		}
		catch (ClusterUnavailableException ex) {
			return new WebEndpointResponse<>(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
					ex.getMessage()), WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE);
		}
		if (kicked) {
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NO_CONTENT);
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no user named " + name);
		return new WebEndpointResponse<>(problem, WebEndpointResponse.STATUS_NOT_FOUND);
	}

	record Overview(StatsResponse stats, List<UserView> users) {
	}

}
