package dev.tmcp.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The umbrella chart: the seven services in one release, and the globals they share. */
class UmbrellaChartTest {

    @Test
    void installsTheSevenServicesWithTheSameChecksAsAlone() {
        List<HasMetadata> objects = KubeModel.parse(Charts.render(Charts.UMBRELLA, null));
        Map<String, Deployment> deployments = byName(objects);
        assertThat(deployments.keySet()).containsExactlyInAnyOrderElementsOf(Charts.SERVICES);
        for (String service : Charts.SERVICES) {
            Container container = container(deployments.get(service));
            assertThat(container.getImage()).isEqualTo("registry.example.com/tmcp/" + service + ":0.1.0-SNAPSHOT");
            assertThat(env(container)).containsEntry("TMCP_ISSUER", "https://tmcp.example.com");
            assertThat(container.getEnvFrom().get(0).getSecretRef().getName()).isEqualTo("tmcp-" + service);
            ServiceChartTest.assertSecure(deployments.get(service).getSpec().getTemplate().getSpec(), container);
            ServiceChartTest.assertEnvironment(service, ServiceConfig.of(service), container, env(container));
        }
        assertThat(Charts.ofKind(objects, NetworkPolicy.class)).hasSize(7);
        assertThat(Charts.ofKind(objects, ServiceMonitor.class)).isEmpty();
    }

    @Test
    void globalsWinOverEachChartsOwnValues() {
        String values = """
                global:
                  issuer: https://pay.example.org
                  image: {registry: "reg.internal:5000/tmcp/", tag: "1.2.3"}
                  secretPrefix: prod
                  env:
                    REDIS_URL: redis://redis.data:6379
                    KAFKA_BOOTSTRAP_SERVERS: kafka.data:9092
                    MATRIX_BRIDGE_URL: http://bridge.chat:8086
                payment-service:
                  secretName: payments-secrets
                """;
        Map<String, Deployment> deployments = byName(KubeModel.parse(Charts.render(Charts.UMBRELLA, values)));
        for (String service : Charts.SERVICES) {
            Container container = container(deployments.get(service));
            Map<String, String> env = env(container);
            assertThat(container.getImage()).isEqualTo("reg.internal:5000/tmcp/" + service + ":1.2.3");
            assertThat(env).containsEntry("TMCP_ISSUER", "https://pay.example.org");
            assertThat(env).containsEntry("REDIS_URL", "redis://redis.data:6379");
            assertThat(container.getEnvFrom().get(0).getSecretRef().getName())
                    .isEqualTo(service.equals("payment-service") ? "payments-secrets" : "prod-" + service);
        }
        // global.env replaces what a chart lists, and adds nothing to a chart that does not read it.
        assertThat(env(container(deployments.get("gateway")))).doesNotContainKey("KAFKA_BOOTSTRAP_SERVERS")
                .containsEntry("MATRIX_BRIDGE_URL", "http://bridge.chat:8086");
        assertThat(env(container(deployments.get("storage-service")))).doesNotContainKey("MATRIX_BRIDGE_URL")
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka.data:9092");
        // {issuer} in a chart's value follows the issuer.
        assertThat(env(container(deployments.get("wallet-adapter"))))
                .containsEntry("TMCP_ACTIVATION_URL_BASE", "https://pay.example.org/wallet/activate");
        assertThat(env(container(deployments.get("auth-service"))))
                .containsEntry("TMCP_CONSOLE_REDIRECT_URIS", "https://pay.example.org/console/callback");
    }

    @Test
    void everyOptionOnThroughTheUmbrellaWithTheSuitesAlerts() {
        StringBuilder values = new StringBuilder();
        for (String service : Charts.SERVICES) {
            values.append(service).append(":\n");
            ServiceChartTest.ALL_ON.lines().forEach(line -> values.append("  ").append(line).append('\n'));
        }
        values.append("matrix-bridge:\n  enabled: false\n");
        List<HasMetadata> objects = KubeModel.parse(Charts.template(Charts.UMBRELLA)
                .withValuesFile(Charts.writeValues(values.toString()))
                .setFile("gateway.prometheusRule.rulesYaml", Charts.repoRoot().resolve("deploy/prometheus/alerts.yml"))
                .call());
        assertThat(byName(objects).keySet()).hasSize(6).doesNotContain("matrix-bridge");
        assertThat(Charts.ofKind(objects, PodDisruptionBudget.class)).hasSize(6);
        assertThat(Charts.ofKind(objects, HorizontalPodAutoscaler.class)).hasSize(6);
        assertThat(Charts.ofKind(objects, ServiceMonitor.class)).hasSize(6);
        assertThat(Charts.ofKind(objects, PrometheusRule.class)).hasSize(6);
        assertThat(Charts.ofKind(objects, Service.class)).hasSize(7); // + gateway-management
        PrometheusRule gateway = Charts.ofKind(objects, PrometheusRule.class).stream()
                .filter(r -> r.getMetadata().getName().equals("gateway")).findFirst().orElseThrow();
        assertThat(gateway.getSpec().getGroups()).extracting(g -> g.getName()).contains("chart-test", "tmcp-recovery");
    }

    @Test
    void theAlertsFileBecomesThePrometheusRuleOfOneChart() {
        Map<String, Object> file = Yaml.readMap(Charts.repoRoot().resolve("deploy/prometheus/alerts.yml"));
        List<?> groups = (List<?>) file.get("groups");
        long alerts = groups.stream().mapToLong(g -> ((List<?>) ((Map<?, ?>) g).get("rules")).size()).sum();
        List<HasMetadata> objects = KubeModel.parse(Charts.template("gateway")
                .set("prometheusRule.enabled", true)
                .setFile("prometheusRule.rulesYaml", Charts.repoRoot().resolve("deploy/prometheus/alerts.yml"))
                .call());
        PrometheusRule rule = Charts.ofKind(objects, PrometheusRule.class).get(0);
        assertThat(rule.getSpec().getGroups()).hasSize(groups.size());
        assertThat(rule.getSpec().getGroups().stream().mapToLong(g -> g.getRules().size()).sum()).isEqualTo(alerts);
        // Prometheus templates in the annotations reach the rule as written.
        assertThat(rule.getSpec().getGroups().get(0).getRules().get(0).getAnnotations().get("summary")).contains("{{ $labels.job }}");
    }

    static Map<String, Deployment> byName(List<HasMetadata> objects) {
        return Charts.ofKind(objects, Deployment.class).stream()
                .collect(Collectors.toMap(d -> d.getMetadata().getName(), d -> d));
    }

    static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    static Map<String, String> env(Container container) {
        return ServiceChartTest.env(container);
    }
}
