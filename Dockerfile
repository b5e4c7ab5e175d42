# chat-relay container image: built with the Maven wrapper, run as Spring Boot layers on a JRE.
# The base images are build arguments, so a registry mirror or a locally made image can stand in.
ARG BUILD_IMAGE=eclipse-temurin:25-jdk
ARG RUNTIME_IMAGE=eclipse-temurin:25-jre

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
# the wrapper and the POM first: the dependency download stays cached until they change
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline
COPY src src
# extracted as a plain jar with its lib/ (no launcher): the form a class cache (AOT, CDS) works with
RUN ./mvnw -B -q -DskipTests package \
 && java -Djarmode=tools -jar target/chat-relay.jar extract --layers --destination /layers

FROM ${RUNTIME_IMAGE}
ARG VERSION=0.1.0-SNAPSHOT
ARG REVISION=unknown
ARG SOURCE=https://example.invalid/chat-relay
LABEL org.opencontainers.image.title="chat-relay" \
      org.opencontainers.image.description="TCP chat relay with an admin REST API and Prometheus metrics" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.licenses="Apache-2.0"
WORKDIR /app
# least changing first, so an application change rebuilds one small layer
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
COPY src/main/docker/chat-relay /app/chat-relay
# size the heap from the container's memory limit, and die (to be restarted) rather than limp on OOM
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=25 -XX:+ExitOnOutOfMemoryError"
# the class cache, made with the runtime's own JVM and options (docs/operations.md, "Container image")
RUN chmod 755 /app/chat-relay && /app/chat-relay --train
# a numeric user: no passwd entry needed, and Kubernetes can check runAsNonRoot
USER 10001:10001
EXPOSE 5555 8080 8081
ENTRYPOINT ["/app/chat-relay"]
