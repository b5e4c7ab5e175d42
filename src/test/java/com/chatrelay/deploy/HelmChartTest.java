package com.chatrelay.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The Helm chart, linted and rendered by real Helm, every document read back as typed Kubernetes objects. */
class HelmChartTest {

	private static final Path CHART = Path.of("helm", "chat-relay");

	private static final String TEST_HOOK = "templates/tests/chat-test.yaml";

	@Test
	void lintsCleanInStrictMode() {
		LintResult result = new Helm(CHART).lint().strict().call();
		assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
		assertThat(result.getMessages()).noneMatch((message) -> message.contains("[WARNING]") || message.contains("[ERROR]"));
	}

	@Test
	void defaultsRenderAProbedNonRootDeployment() {
		List<HasMetadata> objects = render(Function.identity());
		assertThat(objects).extracting(HasMetadata::getKind)
			.contains("Deployment", "Service", "Secret", "ConfigMap", "ServiceAccount", "PodDisruptionBudget")
			.doesNotContain("ServiceMonitor", "PrometheusRule");
		Deployment deployment = only(objects, Deployment.class);
		Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
		assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
		assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
		assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("management");
		assertThat(container.getPorts()).extracting((port) -> port.getName() + "=" + port.getContainerPort())
			.containsExactly("chat=5555", "http=8080", "management=8081");
		assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
		assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
		assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
		assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
		assertThat(container.getVolumeMounts()).anyMatch((mount) -> mount.getMountPath().equals("/tmp"));
		assertThat(container.getLifecycle().getPreStop().getExec().getCommand()).containsExactly("sleep", "10");
		assertThat(deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
			.as("grace period covers preStop (10 s) and the relay's shutdown (up to 20 s)").isGreaterThanOrEqualTo(30L);
		assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
			.containsEntry("prometheus.io/scrape", "true").containsEntry("prometheus.io/port", "8081")
			.containsEntry("prometheus.io/path", "/actuator/prometheus");
		EnvVar password = env(container, "CHAT_ADMIN_PASSWORD");
		Secret secret = only(objects, Secret.class);
		assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo(secret.getMetadata().getName());
		assertThat(secret.getData()).containsKey(password.getValueFrom().getSecretKeyRef().getKey());
		assertThat(new String(Base64.getDecoder().decode(secret.getData().get("admin-password")), StandardCharsets.UTF_8)).hasSize(24);
		assertThat(objects).filteredOn(Service.class::isInstance).hasSize(2);
		Service chat = service(objects, "chat");
		assertThat(chat.getMetadata().getName()).isEqualTo("chat-chat-relay");
		assertThat(chat.getSpec().getType()).isEqualTo("ClusterIP");
		assertThat(chat.getSpec().getPorts()).extracting(HelmChartTest::describe).containsExactly("chat=5555->chat/TCP");
		Service admin = service(objects, "admin");
		assertThat(admin.getMetadata().getName()).isEqualTo("chat-chat-relay-admin");
		assertThat(admin.getSpec().getType()).isEqualTo("ClusterIP");
		assertThat(admin.getSpec().getPorts()).extracting(HelmChartTest::describe)
			.containsExactly("http=8080->http/TCP", "management=8081->management/TCP");
		assertThat(List.of(chat, admin)).allSatisfy((service) -> assertThat(service.getSpec().getSelector())
			.isEqualTo(deployment.getSpec().getSelector().getMatchLabels()));
		assertThat(only(objects, PodDisruptionBudget.class).getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
	}

	/**
	 * helm-java's template leaves test hooks out, so the test pod is rendered from a copy of the chart without its
	 * hook annotations: it must log in through the chat Service, by its rendered name and port, whatever exposes it.
	 */
	@ParameterizedTest
	@CsvSource({ "ClusterIP, 5555", "LoadBalancer, 6000" })
	void theHelmTestChatsThroughTheChatService(String type, int chatPort, @TempDir Path copy) throws IOException {
		assertThat(Files.readString(CHART.resolve(TEST_HOOK))).contains("helm.sh/hook: test");
		copyWithoutHookAnnotations(copy);
		List<HasMetadata> objects = render(copy, (template) -> template.set("service.type", type).set("service.chatPort", chatPort));
		Pod test = only(objects, Pod.class);
		String command = String.join(" ", test.getSpec().getContainers().get(0).getCommand());
		Service chat = service(objects, "chat");
		assertThat(chat.getSpec().getPorts()).extracting(ServicePort::getName, ServicePort::getPort)
			.containsExactly(tuple("chat", chatPort));
		assertThat(command).contains("/app/chat-relay client " + chat.getMetadata().getName() + " " + chatPort + " |")
			.contains("printf 'helm-test\\n/quit\\n'").contains("grep -q '^\\[SERVER\\] welcome, helm-test!'")
			.doesNotContain(service(objects, "admin").getMetadata().getName());
	}

	@Test
	void everyChatSettingReachesTheEnvironment() {
		List<HasMetadata> objects = render((template) -> template.set("chat.tcp.maxConnections", 500)
			.set("chat.rateLimit.enabled", false).set("chat.tcp.idleTimeout", "10m"));
		Map<String, String> config = only(objects, io.fabric8.kubernetes.api.model.ConfigMap.class).getData();
		assertThat(config).containsEntry("CHAT_TCP_MAX_CONNECTIONS", "500").containsEntry("CHAT_RATE_LIMIT_ENABLED", "false")
			.containsEntry("CHAT_TCP_IDLE_TIMEOUT", "10m").containsKeys("CHAT_TCP_MAX_LINE_LENGTH", "CHAT_TCP_OUTBOUND_BUFFER",
					"CHAT_TCP_HANDSHAKE_TIMEOUT", "CHAT_RATE_LIMIT_LINES_PER_SECOND", "CHAT_RATE_LIMIT_BURST",
					"CHAT_PRESENCE_QUIET_ABOVE", "CHAT_ADMIN_USERNAME");
	}

	@Test
	void theConnectionRateAndItsExemptionsReachTheEnvironment() {
		Map<String, String> defaults = only(render((template) -> template), io.fabric8.kubernetes.api.model.ConfigMap.class).getData();
		assertThat(defaults).containsEntry("CHAT_TCP_CONNECTION_RATE_ENABLED", "true")
			.containsEntry("CHAT_TCP_CONNECTION_RATE_PER_SECOND", "1").containsEntry("CHAT_TCP_CONNECTION_RATE_BURST", "30")
			.containsEntry("CHAT_TCP_CONNECTION_RATE_TRACKED_ADDRESSES", "10000")
			.doesNotContainKey("CHAT_TCP_CONNECTION_RATE_EXEMPT");
		Map<String, String> config = only(render((template) -> template.set("chat.tcp.connectionRate.perSecond", "0.5")
			.set("chat.tcp.connectionRate.exempt[0]", "10.0.0.0/8").set("chat.tcp.connectionRate.exempt[1]", "2001:db8::/32")),
				io.fabric8.kubernetes.api.model.ConfigMap.class).getData();
		assertThat(config).containsEntry("CHAT_TCP_CONNECTION_RATE_PER_SECOND", "0.5")
			.containsEntry("CHAT_TCP_CONNECTION_RATE_EXEMPT", "10.0.0.0/8,2001:db8::/32");
	}

	@Test
	void tlsMountsTheSecretAndPointsTheChatPortsBundleAtIt() {
		List<HasMetadata> objects = render((template) -> template.set("tls.enabled", true).set("tls.secretName", "chat-tls"));
		Map<String, String> config = only(objects, io.fabric8.kubernetes.api.model.ConfigMap.class).getData();
		assertThat(config).containsEntry("CHAT_TCP_SSL_BUNDLE", "chat")
			.containsEntry("SPRING_SSL_BUNDLE_PEM_CHAT_KEYSTORE_CERTIFICATE", "file:/etc/chat-relay/tls/tls.crt")
			.containsEntry("SPRING_SSL_BUNDLE_PEM_CHAT_KEYSTORE_PRIVATE_KEY", "file:/etc/chat-relay/tls/tls.key")
			.containsEntry("SPRING_SSL_BUNDLE_PEM_CHAT_RELOAD_ON_UPDATE", "true")
			.containsEntry("SPRING_SSL_BUNDLE_PEM_CHAT_KEYSTORE_VERIFY_KEYS", "true");
		Deployment deployment = only(objects, Deployment.class);
		assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes())
			.filteredOn((volume) -> volume.getName().equals("tls"))
			.singleElement()
			.satisfies((volume) -> assertThat(volume.getSecret().getSecretName()).isEqualTo("chat-tls"));
		assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts())
			.filteredOn((mount) -> mount.getName().equals("tls"))
			.singleElement()
			.satisfies((mount) -> {
				assertThat(mount.getMountPath()).isEqualTo("/etc/chat-relay/tls");
				assertThat(mount.getReadOnly()).isTrue();
			});
		assertThat(only(render((template) -> template.set("tls.enabled", true).set("tls.secretName", "chat-tls")
			.set("tls.reloadOnUpdate", false)), io.fabric8.kubernetes.api.model.ConfigMap.class).getData())
			.containsEntry("SPRING_SSL_BUNDLE_PEM_CHAT_RELOAD_ON_UPDATE", "false");
	}

	@Test
	void withoutTlsTheChatPortIsPlainAndNoSecretIsMounted() {
		List<HasMetadata> objects = render((template) -> template);
		assertThat(only(objects, io.fabric8.kubernetes.api.model.ConfigMap.class).getData()).doesNotContainKey("CHAT_TCP_SSL_BUNDLE")
			.doesNotContainKey("SPRING_SSL_BUNDLE_PEM_CHAT_KEYSTORE_CERTIFICATE");
		assertThat(only(objects, Deployment.class).getSpec().getTemplate().getSpec().getVolumes())
			.extracting((volume) -> volume.getName()).doesNotContain("tls");
	}

	@Test
	void tlsWithoutASecretIsRefused() {
		assertThatThrownBy(() -> new Helm(CHART).template().withName("chat").set("tls.enabled", true).call())
			.hasMessageContaining("values don't meet the specifications of the schema");
	}

	@ParameterizedTest
	@CsvSource({ "ca.crt, --tls-ca /etc/chat-relay/tls/ca.crt", "'', --tls" })
	void theHelmTestSpeaksTlsWhenTheChatPortDoes(String caKey, String option, @TempDir Path copy) throws IOException {
		copyWithoutHookAnnotations(copy);
		List<HasMetadata> objects = render(copy, (template) -> template.set("tls.enabled", true)
			.set("tls.secretName", "chat-tls").set("tls.caKey", caKey));
		Pod test = only(objects, Pod.class);
		String command = String.join(" ", test.getSpec().getContainers().get(0).getCommand());
		assertThat(command).contains("/app/chat-relay client " + option + " " + service(objects, "chat").getMetadata().getName()
				+ " 5555 |");
		if (caKey.isEmpty()) {
			assertThat(test.getSpec().getVolumes()).isEmpty();
		}
		else {
			assertThat(test.getSpec().getVolumes()).singleElement().satisfies((volume) -> {
				assertThat(volume.getSecret().getSecretName()).isEqualTo("chat-tls");
				assertThat(volume.getSecret().getItems()).extracting((item) -> item.getKey()).containsExactly(caKey);
			});
			assertThat(test.getSpec().getContainers().get(0).getVolumeMounts()).singleElement()
				.satisfies((mount) -> assertThat(mount.getMountPath()).isEqualTo("/etc/chat-relay/tls"));
		}
	}

	@Test
	void clusteringPointsEveryReplicaAtRedis() {
		Map<String, String> config = only(render((template) -> template.set("replicaCount", 3)
			.set("chat.cluster.enabled", true).set("redis.host", "redis.chat.svc")),
				io.fabric8.kubernetes.api.model.ConfigMap.class).getData();
		assertThat(config).containsEntry("CHAT_CLUSTER_ENABLED", "true").containsEntry("SPRING_DATA_REDIS_HOST", "redis.chat.svc")
			.containsEntry("SPRING_DATA_REDIS_PORT", "6379");
		assertThat(config).containsEntry("CHAT_CLUSTER_TIMEOUT", "2s").containsEntry("CHAT_CLUSTER_HEARTBEAT_INTERVAL", "2s")
			.containsEntry("CHAT_CLUSTER_REPLICA_TIMEOUT", "10s").containsEntry("CHAT_CLUSTER_PUBLISH_QUEUE", "100000")
			.containsEntry("SPRING_DATA_REDIS_SSL_ENABLED", "false").doesNotContainKey("SPRING_DATA_REDIS_USERNAME");
		assertThatThrownBy(() -> new Helm(CHART).template().withName("chat").set("chat.cluster.enabled", true).call())
			.hasMessageContaining("redis.host (or redis.sentinel.master) is required");
	}

	@Test
	void aSentinelSetAndARedisPasswordFromASecret() {
		List<HasMetadata> objects = render((template) -> template.set("chat.cluster.enabled", true)
			.set("redis.sentinel.master", "chat").set("redis.sentinel.nodes[0]", "sentinel-0.redis:26379")
			.set("redis.sentinel.nodes[1]", "sentinel-1.redis:26379").set("redis.existingSecret", "redis-auth")
			.set("redis.username", "relay").set("redis.ssl", true));
		Map<String, String> config = only(objects, io.fabric8.kubernetes.api.model.ConfigMap.class).getData();
		assertThat(config).containsEntry("SPRING_DATA_REDIS_SENTINEL_MASTER", "chat")
			.containsEntry("SPRING_DATA_REDIS_SENTINEL_NODES", "sentinel-0.redis:26379,sentinel-1.redis:26379")
			.containsEntry("SPRING_DATA_REDIS_USERNAME", "relay").containsEntry("SPRING_DATA_REDIS_SSL_ENABLED", "true")
			.doesNotContainKey("SPRING_DATA_REDIS_HOST");
		EnvVar password = env(only(objects, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0),
				"SPRING_DATA_REDIS_PASSWORD");
		assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo("redis-auth");
		assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("redis-password");
		assertThatThrownBy(() -> new Helm(CHART).template().withName("chat").set("chat.cluster.enabled", true)
			.set("redis.sentinel.nodes[0]", "no-port").set("redis.host", "r").call()).hasMessageContaining("pattern");
	}

	@Test
	void aLoadBalancerServiceForRawTcpLeavesTheAdminApiInside() {
		List<HasMetadata> objects = render((template) -> template.set("service.type", "LoadBalancer")
			.set("service.externalTrafficPolicy", "Local")
			.set("service.annotations.service\\.beta\\.kubernetes\\.io/aws-load-balancer-type", "nlb"));
		assertThat(objects).filteredOn(Service.class::isInstance).hasSize(2);
		Service service = service(objects, "chat");
		assertThat(service.getSpec().getType()).isEqualTo("LoadBalancer");
		assertThat(service.getSpec().getExternalTrafficPolicy()).isEqualTo("Local");
		assertThat(service.getMetadata().getAnnotations()).containsEntry("service.beta.kubernetes.io/aws-load-balancer-type", "nlb");
		assertThat(service.getSpec().getPorts()).extracting(HelmChartTest::describe).containsExactly("chat=5555->chat/TCP");
		assertThat(service.getSpec().getPorts()).extracting(ServicePort::getPort).doesNotContain(8080, 8081);
		Service admin = service(objects, "admin");
		assertThat(admin.getSpec().getType()).isEqualTo("ClusterIP");
		assertThat(admin.getSpec().getExternalTrafficPolicy()).isNull();
		assertThat(admin.getMetadata().getAnnotations()).as("the load balancer's annotations stay on the chat Service")
			.isNullOrEmpty();
		assertThat(admin.getSpec().getPorts()).extracting(HelmChartTest::describe)
			.containsExactly("http=8080->http/TCP", "management=8081->management/TCP");
		assertThat(objects).filteredOn(Service.class::isInstance).map(Service.class::cast)
			.filteredOn((candidate) -> !"ClusterIP".equals(candidate.getSpec().getType()))
			.flatMap((candidate) -> candidate.getSpec().getPorts()).extracting(ServicePort::getTargetPort)
			.extracting((target) -> target.getStrVal()).as("ports reachable from outside the cluster").containsExactly("chat");
	}

	@Test
	void theProxyProtocolSettingsReachTheEnvironmentOnlyWhenEnabled() {
		Map<String, String> enabled = only(render((template) -> template.set("proxyProtocol.enabled", true)
			.set("proxyProtocol.trustedProxies[0]", "10.0.0.0/16").set("proxyProtocol.trustedProxies[1]", "2001:db8::/32")
			.set("proxyProtocol.headerTimeout", "3s")), io.fabric8.kubernetes.api.model.ConfigMap.class).getData();
		assertThat(enabled).containsEntry("CHAT_TCP_PROXY_PROTOCOL_ENABLED", "true")
			.containsEntry("CHAT_TCP_PROXY_PROTOCOL_TRUSTED_PROXIES", "10.0.0.0/16,2001:db8::/32")
			.containsEntry("CHAT_TCP_PROXY_PROTOCOL_HEADER_TIMEOUT", "3s");
		assertThat(only(render(Function.identity()), io.fabric8.kubernetes.api.model.ConfigMap.class).getData())
			.doesNotContainKeys("CHAT_TCP_PROXY_PROTOCOL_ENABLED", "CHAT_TCP_PROXY_PROTOCOL_TRUSTED_PROXIES");
	}

	/** The examples of docs/proxy-protocol.md pass the schema and put their annotations on the chat Service only. */
	@ParameterizedTest
	@CsvSource({ "proxy-protocol-aws-lb-controller.yaml, service.beta.kubernetes.io/aws-load-balancer-target-group-attributes, "
			+ "proxy_protocol_v2.enabled=true",
			"proxy-protocol-aws-annotation.yaml, service.beta.kubernetes.io/aws-load-balancer-proxy-protocol, *" })
	void theDocumentedLoadBalancerExamplesRender(String file, String annotation, String value) {
		List<HasMetadata> objects = render((template) -> template.withValuesFile(Path.of("docs", "examples", file)));
		Service chat = service(objects, "chat");
		assertThat(chat.getSpec().getType()).isEqualTo("LoadBalancer");
		assertThat(chat.getMetadata().getAnnotations()).containsEntry(annotation, value);
		assertThat(service(objects, "admin").getMetadata().getAnnotations()).isNullOrEmpty();
		assertThat(only(objects, io.fabric8.kubernetes.api.model.ConfigMap.class).getData())
			.containsEntry("CHAT_TCP_PROXY_PROTOCOL_ENABLED", "true")
			.containsEntry("CHAT_TCP_PROXY_PROTOCOL_TRUSTED_PROXIES", "10.0.0.0/16");
	}

	@Test
	void externalTrafficPolicyOnlyWhereKubernetesAcceptsIt() {
		assertThat(service(render((template) -> template.set("service.externalTrafficPolicy", "Local")), "chat")
			.getSpec().getExternalTrafficPolicy()).as("refused by Kubernetes on a ClusterIP Service").isNull();
		assertThat(service(render((template) -> template.set("service.type", "NodePort")
			.set("service.externalTrafficPolicy", "Local")), "chat").getSpec().getExternalTrafficPolicy()).isEqualTo("Local");
	}

	@Test
	void theAdminServiceFollowsItsOwnValues() {
		Service admin = service(render((template) -> template.set("adminService.httpPort", 9080)
			.set("adminService.managementPort", 9081).set("adminService.annotations.team", "chat-ops")), "admin");
		assertThat(admin.getSpec().getType()).isEqualTo("ClusterIP");
		assertThat(admin.getMetadata().getAnnotations()).containsExactly(Map.entry("team", "chat-ops"));
		assertThat(admin.getSpec().getPorts()).extracting(HelmChartTest::describe)
			.containsExactly("http=9080->http/TCP", "management=9081->management/TCP");
	}

	@Test
	void theNotesSendAdminTrafficToTheAdminService() {
		String notes = new Helm(CHART).install().withName("chat").withNamespace("chat").set("service.type", "LoadBalancer")
			.clientOnly().dryRun().call().getOutput();
		assertThat(notes).contains("export CHAT_HOST=$(kubectl get svc -n chat chat-chat-relay ")
			.contains("kubectl port-forward -n chat svc/chat-chat-relay-admin 8080:8080 &")
			.contains("on the ClusterIP Service chat-chat-relay-admin (not on the LoadBalancer, which carries chat only)")
			.contains("Metrics: chat-chat-relay-admin port 8081 (management)")
			.doesNotContain("svc/chat-chat-relay 8080");
	}

	@Test
	void anExistingSecretReplacesTheGeneratedOne() {
		List<HasMetadata> objects = render((template) -> template.set("admin.existingSecret", "ops-chat")
			.set("admin.existingSecretKey", "pw"));
		assertThat(objects).noneMatch((object) -> object instanceof Secret);
		EnvVar password = env(only(objects, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0),
				"CHAT_ADMIN_PASSWORD");
		assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo("ops-chat");
		assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("pw");
	}

	@Test
	void resourcesAndReplicasFollowTheValues() {
		Deployment deployment = only(render((template) -> template.set("replicaCount", 3)
			.set("resources.limits.memory", "2Gi").set("resources.requests.cpu", "1")), Deployment.class);
		assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
		Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
		assertThat(container.getResources().getLimits().get("memory").toString()).isEqualTo("2Gi");
		assertThat(container.getResources().getRequests().get("cpu").toString()).isEqualTo("1");
	}

	@Test
	void serviceMonitorAndPrometheusRuleWhenAskedFor() {
		List<HasMetadata> objects = render((template) -> template.set("metrics.serviceMonitor.enabled", true)
			.set("metrics.prometheusRule.enabled", true).set("metrics.prometheusRule.labels.release", "kube-prometheus"));
		GenericKubernetesResource monitor = generic(objects, "ServiceMonitor");
		assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
		assertThat(monitor.get("spec", "endpoints").toString()).contains("port=management").contains("path=/actuator/prometheus");
		Map<String, String> selector = monitor.get("spec", "selector", "matchLabels");
		Service admin = service(objects, "admin");
		assertThat(objects).filteredOn(Service.class::isInstance).map(Service.class::cast)
			.filteredOn((service) -> service.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
			.as("the Services the ServiceMonitor selects").containsExactly(admin);
		assertThat(admin.getSpec().getPorts()).extracting(ServicePort::getName).contains("management");
		assertThat(monitor.get("spec", "jobLabel").toString()).isEqualTo("app.kubernetes.io/name");
		assertThat(admin.getMetadata().getLabels()).as("job=\"chat-relay\", as the alert rules expect")
			.containsEntry("app.kubernetes.io/name", "chat-relay");
		GenericKubernetesResource rule = generic(objects, "PrometheusRule");
		assertThat(rule.getMetadata().getLabels()).containsEntry("release", "kube-prometheus");
		String rules = rule.get("spec", "groups").toString();
		assertThat(rules).contains("ChatRelayDown", "ChatRelayNotReady", "ChatRelayConnectionsNearLimit",
				"ChatRelaySlowConsumersSpiking", "ChatRelayLatencyHigh");
	}

	@Test
	void aGrafanaDashboardForGrafanasSidecarWhenAskedFor() {
		assertThat(render(Function.identity())).noneMatch((object) -> object.getMetadata().getLabels().containsKey("grafana_dashboard"));
		GrafanaDashboard dashboard = GrafanaDashboard.rendered();
		assertThat(dashboard.configMap().getMetadata().getLabels()).containsEntry("grafana_dashboard", "1")
			.containsEntry("app.kubernetes.io/name", "chat-relay");
		JsonNode json = dashboard.json();
		assertThat(json.get("uid").asString()).isEqualTo("chat-relay");
		List<JsonNode> variables = new ArrayList<>();
		json.get("templating").get("list").forEach(variables::add);
		assertThat(variables).extracting((variable) -> variable.get("name").asString() + ":" + variable.get("type").asString())
			.containsExactly("datasource:datasource", "job:query", "instance:query");
		assertThat(variables.get(0).get("query").asString()).isEqualTo("prometheus");
		List<JsonNode> panels = dashboard.panels().stream().filter((panel) -> panel.has("targets")).toList();
		assertThat(panels).extracting((panel) -> panel.get("title").asString()).contains("Users and connections",
				"Messages received and delivered", "Relay latency", "Disconnects by reason", "Dropped lines by reason",
				"JVM heap", "GC pause time");
		for (JsonNode panel : panels) {
			assertThat(panel.get("datasource").get("uid").asString()).as(panel.get("title").asString()).isEqualTo("${datasource}");
			panel.get("targets").forEach((target) -> assertThat(target.get("datasource").get("uid").asString()).isEqualTo("${datasource}"));
		}
		assertThat(dashboard.queries()).filteredOn((query) -> query.contains("rate("))
			.isNotEmpty().allSatisfy((query) -> assertThat(query).contains("[$__rate_interval]"));
		assertThat(dashboard.queries()).filteredOn((query) -> query.contains("chat_relay_latency_seconds"))
			.hasSize(4).allSatisfy((query) -> assertThat(query).startsWith("histogram_quantile(")
				.contains("sum by (le) (rate(chat_relay_latency_seconds_bucket{"));
		assertThat(dashboard.queries()).anyMatch((query) -> query.startsWith("sum by (reason) (rate(chat_connections_closed_total"))
			.anyMatch((query) -> query.startsWith("sum by (reason) (rate(chat_messages_dropped_total"))
			.anyMatch((query) -> query.contains("jvm_memory_used_bytes")).anyMatch((query) -> query.contains("jvm_gc_pause_seconds"));
		io.fabric8.kubernetes.api.model.ConfigMap withFolder = render((template) -> template.set("metrics.grafanaDashboard.enabled", true)
			.set("metrics.grafanaDashboard.annotations.grafana_folder", "Chat")
			.set("metrics.grafanaDashboard.labels.team", "chat-ops")).stream()
			.filter((object) -> object.getMetadata().getLabels().containsKey("grafana_dashboard"))
			.map(io.fabric8.kubernetes.api.model.ConfigMap.class::cast).findFirst().orElseThrow();
		assertThat(withFolder.getMetadata().getAnnotations()).containsEntry("grafana_folder", "Chat");
		assertThat(withFolder.getMetadata().getLabels()).containsEntry("team", "chat-ops").containsEntry("grafana_dashboard", "1");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"replicaCount | three",
			"service.type | Magic",
			"service.httpPort | 8080",
			"service.managementPort | 8081",
			"adminService.noSuchSetting | 1",
			"adminService.type | LoadBalancer",
			"adminService.type | NodePort",
			"adminService.httpPort | 0",
			"adminService.managementPort | 70000",
			"chat.tcp.maxConnections | lots",
			"noSuchValue | 1",
			"metrics.grafanaDashboard.enabled | sometimes",
			"metrics.grafanaDashboard.noSuchSetting | 1",
			"chat.tcp.noSuchSetting | 1",
			"chat.tcp.connectionRate.burst | 0",
			"chat.tcp.connectionRate.exempt[0] | intranet.example.com",
			"chat.tcp.connectionRate.noSuchSetting | 1",
			"admin.username | ''",
			"tls.enabled | maybe",
			"tls.secretName | Not_A_Secret",
			"tls.noSuchSetting | 1",
			"proxyProtocol.enabled | true",
			"proxyProtocol.enabled | yes",
			"proxyProtocol.trustedProxies[0] | proxy.example.com",
			"proxyProtocol.headerTimeout | soon",
			"proxyProtocol.noSuchSetting | 1" })
	void theSchemaRejectsWrongValues(String key, String value) {
		TemplateCommand template = new Helm(CHART).template().withName("chat").set(key, value);
		assertThatThrownBy(template::call).hasMessageContaining("values don't meet the specifications of the schema");
	}

	private static List<HasMetadata> render(Function<TemplateCommand, TemplateCommand> values) {
		return render(CHART, values);
	}

	/** Renders a chart and reads each document as a typed object, failing on any field Kubernetes would not know. */
	private static List<HasMetadata> render(Path chart, Function<TemplateCommand, TemplateCommand> values) {
		String manifests = values.apply(new Helm(chart).template().withName("chat").withNamespace("chat")).call();
		List<HasMetadata> objects = new ArrayList<>();
		for (String document : manifests.split("(?m)^---\\s*$")) {
			if (document.strip().isEmpty() || document.lines().allMatch((line) -> line.isBlank() || line.startsWith("#"))) {
				continue;
			}
			KubernetesResource resource = Serialization.unmarshal(document);
			if (!(resource instanceof GenericKubernetesResource)) {
				UnknownFields.assertNone(resource);
			}
			objects.add((HasMetadata) resource);
		}
		return objects;
	}

	private static <T> T only(List<HasMetadata> objects, Class<T> type) {
		List<T> matching = objects.stream().filter(type::isInstance).map(type::cast).toList();
		assertThat(matching).as(type.getSimpleName()).hasSize(1);
		return matching.get(0);
	}

	/** Copies the chart, the test hook without its helm.sh/hook* annotations, so that helm template renders it. */
	private static void copyWithoutHookAnnotations(Path copy) throws IOException {
		try (Stream<Path> files = Files.walk(CHART)) {
			for (Path file : files.toList()) {
				Path target = copy.resolve(CHART.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(target);
				}
				else if (file.equals(CHART.resolve(TEST_HOOK))) {
					String hook = Files.readString(file).lines().filter((line) -> !line.strip().startsWith("helm.sh/hook"))
						.collect(Collectors.joining("\n", "", "\n"));
					Files.writeString(target, hook);
				}
				else {
					Files.copy(file, target);
				}
			}
		}
	}

	/** The chart's Service for one component (chat or admin), by its app.kubernetes.io/component label. */
	private static Service service(List<HasMetadata> objects, String component) {
		List<Service> matching = objects.stream().filter(Service.class::isInstance).map(Service.class::cast)
			.filter((service) -> component.equals(service.getMetadata().getLabels().get("app.kubernetes.io/component")))
			.toList();
		assertThat(matching).as("Service with component " + component).hasSize(1);
		return matching.get(0);
	}

	private static String describe(ServicePort port) {
		return port.getName() + "=" + port.getPort() + "->" + port.getTargetPort().getStrVal() + "/" + port.getProtocol();
	}

	private static GenericKubernetesResource generic(List<HasMetadata> objects, String kind) {
		return objects.stream().filter((object) -> object.getKind().equals(kind)).map(GenericKubernetesResource.class::cast)
			.findFirst().orElseThrow(() -> new AssertionError("no " + kind));
	}

	private static EnvVar env(Container container, String name) {
		return container.getEnv().stream().filter((env) -> env.getName().equals(name)).findFirst()
			.orElseThrow(() -> new AssertionError("no env " + name));
	}

}
