package com.chatrelay.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The chart's Grafana dashboard as Helm renders it with {@code metrics.grafanaDashboard.enabled}. */
record GrafanaDashboard(ConfigMap configMap, JsonNode json) {

	static final String KEY = "chat-relay.json";

	/** What the test's Prometheus stands in for Grafana's variables: the job the chart's scrape gives, every replica. */
	static final String RATE_INTERVAL = "1m";

	static GrafanaDashboard rendered() {
		String manifests = new Helm(Path.of("helm", "chat-relay")).template().withName("chat").withNamespace("chat")
			.set("metrics.grafanaDashboard.enabled", true).call();
		List<ConfigMap> dashboards = new ArrayList<>();
		for (String document : manifests.split("(?m)^---\\s*$")) {
			if (document.contains("grafana_dashboard")) {
				KubernetesResource resource = Serialization.unmarshal(document);
				UnknownFields.assertNone(resource);
				dashboards.add((ConfigMap) resource);
			}
		}
		assertThat(dashboards).as("ConfigMaps labelled grafana_dashboard").hasSize(1);
		ConfigMap configMap = dashboards.get(0);
		return new GrafanaDashboard(configMap, JsonMapper.builder().build().readTree(configMap.getData().get(KEY)));
	}

	/** Every panel, rows' nested panels included. */
	List<JsonNode> panels() {
		List<JsonNode> panels = new ArrayList<>();
		for (JsonNode panel : this.json.get("panels")) {
			panels.add(panel);
			if (panel.has("panels")) {
				panel.get("panels").forEach(panels::add);
			}
		}
		return panels;
	}

	/** Every panel's query, as written for Grafana. */
	List<String> queries() {
		List<String> queries = new ArrayList<>();
		for (JsonNode panel : panels()) {
			if (panel.has("targets")) {
				panel.get("targets").forEach((target) -> queries.add(target.get("expr").asString()));
			}
		}
		return queries;
	}

	/** A query as Grafana would send it to Prometheus for job="chat-relay", every replica, a 1 m rate interval. */
	static String forPrometheus(String query) {
		return query.replace("$__rate_interval", RATE_INTERVAL).replace("$job", "chat-relay").replace("$instance", ".*");
	}

}
