package com.chatrelay.admin.api;

import com.chatrelay.chat.ClusterUnavailableException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Clustered, an admin call that needs another replica or Redis (a kick of a user on another
 * replica during an outage) answers 503, saying so, rather than claiming what it could not do.
 */
@RestControllerAdvice
class ClusterUnavailableAdvice {

	@ExceptionHandler(ClusterUnavailableException.class)
	ProblemDetail clusterUnavailable(ClusterUnavailableException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"the cluster (Redis, or the replica concerned) did not answer in time: " + ex.getMessage());
	}

}
