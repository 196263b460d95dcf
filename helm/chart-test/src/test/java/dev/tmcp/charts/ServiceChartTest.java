package dev.tmcp.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every service chart rendered on its own, with its defaults, with two replicas, and with every
 * option on; each document parsed strictly into the Kubernetes model, then the rules that matter.
 */
class ServiceChartTest {

    /** The values the issue calls "all options on". */
    static final String ALL_ON = """
            replicaCount: 2
            pdb: {enabled: true}
            autoscaling: {enabled: true, minReplicas: 2, maxReplicas: 5, targetMemoryUtilizationPercentage: 85}
            serviceMonitor: {enabled: true, labels: {release: prometheus}}
            networkPolicy: {enabled: true}
            tracing: {enabled: true, exporter: otlp, endpoint: "http://otel-collector.observability:4318"}
            prometheusRule:
              enabled: true
              labels: {release: prometheus}
              groups:
                - name: chart-test
                  rules:
                    - alert: ChartTestDown
                      expr: up == 0
                      for: 5m
                      labels: {severity: page}
                      annotations: {summary: "{{ $labels.job }} is down"}
            """;

    static final String TWO_REPLICAS = "replicaCount: 2\n";

    enum Case {
        DEFAULTS(null), TWO_REPLICAS(ServiceChartTest.TWO_REPLICAS), ALL_ON(ServiceChartTest.ALL_ON);

        final String values;

        Case(String values) {
            this.values = values;
        }
    }

    static Stream<Arguments> charts() {
        return Charts.SERVICES.stream().flatMap(s -> Stream.of(Case.values()).map(c -> Arguments.of(s, c)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("charts")
    void rendersWhatKubernetesAndTheServiceNeed(String service, Case values) {
        List<HasMetadata> objects = Charts.objects(service, values.values);
        ServiceConfig config = ServiceConfig.of(service);
        Deployment deployment = Charts.deployment(objects);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getContainers()).hasSize(1);
        Container container = pod.getContainers().get(0);
        Map<String, String> env = env(container);

        assertSecure(pod, container);
        int actuatorPort = assertProbesAndActuator(config, deployment, container, env);
        assertEnvironment(service, config, container, env);
        assertResources(container, env);
        assertServices(service, objects, container);
        assertNetworkPolicy(service, objects, deployment, container);

        List<PodDisruptionBudget> pdbs = Charts.ofKind(objects, PodDisruptionBudget.class);
        List<HorizontalPodAutoscaler> hpas = Charts.ofKind(objects, HorizontalPodAutoscaler.class);
        List<ServiceMonitor> monitors = Charts.ofKind(objects, ServiceMonitor.class);
        List<PrometheusRule> rules = Charts.ofKind(objects, PrometheusRule.class);
        switch (values) {
            case DEFAULTS -> {
                assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
                assertThat(pdbs).isEmpty();
                assertThat(hpas).isEmpty();
                assertThat(monitors).isEmpty();
                assertThat(rules).isEmpty();
            }
            case TWO_REPLICAS -> {
                assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
                assertThat(pdbs).hasSize(1);
                assertSelects(pdbs.get(0).getSpec().getSelector().getMatchLabels(), deployment);
                assertThat(hpas).isEmpty();
            }
            case ALL_ON -> {
                assertThat(deployment.getSpec().getReplicas()).as("the HPA owns the replica count").isNull();
                assertThat(pdbs).hasSize(1);
                assertSelects(pdbs.get(0).getSpec().getSelector().getMatchLabels(), deployment);
                assertThat(hpas).hasSize(1);
                HorizontalPodAutoscaler hpa = hpas.get(0);
                assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
                assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(deployment.getMetadata().getName());
                assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
                assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(5);
                assertThat(hpa.getSpec().getMetrics()).extracting(m -> m.getResource().getName()).containsExactly("cpu", "memory");
                assertThat(monitors).hasSize(1);
                assertServiceMonitorScrapesActuator(monitors.get(0), objects, container, actuatorPort);
                assertThat(rules).hasSize(1);
                assertThat(rules.get(0).getMetadata().getLabels()).containsEntry("release", "prometheus");
                assertThat(rules.get(0).getSpec().getGroups()).extracting(g -> g.getName()).containsExactly("chart-test");
            }
        }
    }

    // ---- security

    static void assertSecure(PodSpec pod, Container container) {
        PodSecurityContext podContext = Objects.requireNonNullElse(pod.getSecurityContext(), new PodSecurityContext());
        SecurityContext context = container.getSecurityContext();
        assertThat(context).as("container securityContext").isNotNull();
        Boolean nonRoot = context.getRunAsNonRoot() != null ? context.getRunAsNonRoot() : podContext.getRunAsNonRoot();
        Long user = context.getRunAsUser() != null ? context.getRunAsUser() : podContext.getRunAsUser();
        assertThat(nonRoot).as("runAsNonRoot").isTrue();
        assertThat(user).as("runAsUser").isEqualTo(10001L);
        assertThat(context.getReadOnlyRootFilesystem()).as("readOnlyRootFilesystem").isTrue();
        assertThat(context.getAllowPrivilegeEscalation()).as("allowPrivilegeEscalation").isFalse();
        assertThat(context.getPrivileged()).as("privileged").isNotEqualTo(Boolean.TRUE);
        assertThat(context.getCapabilities()).as("capabilities").isNotNull();
        assertThat(context.getCapabilities().getDrop()).as("capabilities.drop").contains("ALL");
        assertThat(context.getCapabilities().getAdd()).as("capabilities.add").isNullOrEmpty();
        String seccomp = context.getSeccompProfile() != null ? context.getSeccompProfile().getType()
                : podContext.getSeccompProfile() != null ? podContext.getSeccompProfile().getType() : null;
        assertThat(seccomp).as("seccompProfile").isEqualTo("RuntimeDefault");
        assertThat(pod.getAutomountServiceAccountToken()).as("automountServiceAccountToken").isFalse();
        // A read-only root needs a writable /tmp, from an emptyDir.
        VolumeMount tmp = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp")).findFirst().orElse(null);
        assertThat(tmp).as("/tmp mount").isNotNull();
        Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(tmp.getName())).findFirst().orElseThrow();
        assertThat(volume.getEmptyDir()).as("/tmp is an emptyDir").isNotNull();
    }

    // ---- probes, actuator, scraping

    /** Checks the probes and the scrape annotations; returns the port that serves /actuator. */
    static int assertProbesAndActuator(ServiceConfig config, Deployment deployment, Container container, Map<String, String> env) {
        int httpPort = port(container, "http");
        // tmcp-defaults.yml binds server.address to ${SERVER_ADDRESS:127.0.0.1} and the port to ${SERVER_PORT}.
        assertThat(env).containsEntry("SERVER_ADDRESS", "0.0.0.0");
        assertThat(resolve(String.valueOf(config.property("server.port")), env)).as("server.port").isEqualTo(String.valueOf(httpPort));
        int actuatorPort = httpPort;
        Object managementPort = config.property("management.server.port");
        if (managementPort != null) {
            // The actuator has its own server: its port and address as the service resolves them in this environment.
            actuatorPort = Integer.parseInt(resolve(String.valueOf(managementPort), env));
            String address = env.getOrDefault("MANAGEMENT_SERVER_ADDRESS",
                    resolve(String.valueOf(Objects.requireNonNullElse(config.property("management.server.address"), "0.0.0.0")), env));
            assertThat(address).as("the management server must listen on every address for the kubelet").isEqualTo("0.0.0.0");
        }
        Set<Integer> declared = new TreeSet<>();
        container.getPorts().forEach(p -> declared.add(p.getContainerPort()));
        assertThat(declared).as("a declared container port serves /actuator").contains(actuatorPort);
        Map<String, Probe> probes = new LinkedHashMap<>();
        probes.put("startupProbe", container.getStartupProbe());
        probes.put("readinessProbe", container.getReadinessProbe());
        probes.put("livenessProbe", container.getLivenessProbe());
        for (var probe : probes.entrySet()) {
            assertThat(probe.getValue()).as(probe.getKey()).isNotNull();
            assertThat(probe.getValue().getHttpGet()).as(probe.getKey() + ".httpGet").isNotNull();
            int port = resolvePort(container, probe.getValue().getHttpGet().getPort());
            assertThat(port).as(probe.getKey() + " port (declared ports " + declared + ")").isEqualTo(actuatorPort);
        }
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
        assertThat(container.getStartupProbe().getHttpGet().getPath()).startsWith("/actuator/health/");
        Map<String, String> annotations = Objects.requireNonNullElse(deployment.getSpec().getTemplate().getMetadata().getAnnotations(), Map.of());
        if ("true".equals(annotations.get("prometheus.io/scrape"))) {
            assertThat(annotations).containsEntry("prometheus.io/path", "/actuator/prometheus");
            assertThat(annotations).containsEntry("prometheus.io/port", String.valueOf(actuatorPort));
        }
        return actuatorPort;
    }

    static void assertServiceMonitorScrapesActuator(ServiceMonitor monitor, List<HasMetadata> objects, Container container, int actuatorPort) {
        Map<String, String> selector = monitor.getSpec().getSelector().getMatchLabels();
        List<Service> selected = Charts.ofKind(objects, Service.class).stream()
                .filter(s -> s.getMetadata().getLabels().entrySet().containsAll(selector.entrySet())).toList();
        assertThat(selected).as("Services the ServiceMonitor selects").hasSize(1);
        Service service = selected.get(0);
        assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(monitor.getSpec().getEndpoints()).hasSize(1);
        Endpoint endpoint = monitor.getSpec().getEndpoints().get(0);
        assertThat(endpoint.getPath()).isEqualTo("/actuator/prometheus");
        ServicePort port = service.getSpec().getPorts().stream().filter(p -> p.getName().equals(endpoint.getPort())).findFirst().orElse(null);
        assertThat(port).as("Service port " + endpoint.getPort()).isNotNull();
        assertThat(resolvePort(container, port.getTargetPort())).isEqualTo(actuatorPort);
        assertThat(monitor.getSpec().getJobLabel()).isEqualTo("app.kubernetes.io/name");
    }

    // ---- environment

    static void assertEnvironment(String service, ServiceConfig config, Container container, Map<String, String> env) {
        List<String> names = container.getEnv().stream().map(EnvVar::getName).toList();
        assertThat(names).as("env names").doesNotHaveDuplicates();
        List<String> secretKeys = Charts.secretKeys(service);
        List<String> optionalSecretKeys = Charts.optionalSecretKeys(service);
        // Every variable the service needs in a cluster comes from the chart's env or its documented Secret keys.
        List<String> missing = new ArrayList<>();
        config.requiredInCluster().forEach((name, placeholder) -> {
            String value = env.get(name);
            boolean fromEnv = value != null && !value.isBlank();
            if (!fromEnv && !secretKeys.contains(name)) {
                missing.add(name + " (" + placeholder.path() + (placeholder.hasDefault() ? ", default '" + placeholder.defaultValue() + "'" : "") + ")");
            }
        });
        assertThat(missing).as(service + ": required variables neither in env nor in secretKeys " + secretKeys).isEmpty();
        // env wins over envFrom: a Secret key also in env would never be read from the Secret.
        assertThat(names.stream().filter(secretKeys::contains).toList()).as("env entries that shadow Secret keys").isEmpty();
        // Nothing the chart sets is unknown to the service (a misspelled or stale variable).
        Set<String> read = new TreeSet<>(config.names());
        read.add("JAVA_TOOL_OPTIONS"); // read by the JVM
        names.stream().filter(name -> name.startsWith("OTEL_")).forEach(read::add); // read by the image's javaagent (tracing.*)
        if (config.property("management.server.address") != null) {
            read.add("MANAGEMENT_SERVER_ADDRESS"); // Spring's binding of management.server.address, set in its application.yml
        }
        for (String name : names) {
            assertThat(read).as(service + " reads " + name).contains(name);
        }
        assertThat(read).as(service + " reads its secretKeys").containsAll(secretKeys).containsAll(optionalSecretKeys);
        // In a pod, loopback is the pod itself.
        env.forEach((name, value) -> assertThat(value).as(name).doesNotContain("127.0.0.1").doesNotContain("localhost"));
        assertThat(container.getEnvFrom()).hasSize(1);
        assertThat(container.getEnvFrom().get(0).getSecretRef()).isNotNull();
        assertThat(container.getEnvFrom().get(0).getSecretRef().getOptional())
                .as("the Secret is optional only for a service that needs no key from it").isEqualTo(secretKeys.isEmpty());
    }

    static void assertResources(Container container, Map<String, String> env) {
        Map<String, Quantity> requests = container.getResources().getRequests();
        Map<String, Quantity> limits = container.getResources().getLimits();
        assertThat(requests).containsKeys("memory", "cpu");
        assertThat(limits).containsKey("memory");
        long request = requests.get("memory").getNumericalAmount().longValue();
        long limit = limits.get("memory").getNumericalAmount().longValue();
        // Measured: 230-290 MB RSS idle: a request below 300Mi would place pods on nodes that cannot hold them.
        assertThat(request).as("memory request").isGreaterThanOrEqualTo(300L << 20);
        assertThat(limit).as("memory limit leaves headroom over the request").isGreaterThan(request);
        assertThat(env.get("JAVA_TOOL_OPTIONS")).as("JAVA_TOOL_OPTIONS").contains("-XX:MaxRAMPercentage=");
    }

    static void assertServices(String service, List<HasMetadata> objects, Container container) {
        Service main = Charts.ofKind(objects, Service.class).stream()
                .filter(s -> s.getMetadata().getName().equals(service)).findFirst().orElseThrow();
        assertThat(main.getSpec().getPorts()).extracting(ServicePort::getName).containsExactly("http");
        assertThat(resolvePort(container, main.getSpec().getPorts().get(0).getTargetPort())).isEqualTo(port(container, "http"));
        for (Service s : Charts.ofKind(objects, Service.class)) {
            assertSelects(s.getSpec().getSelector(), Charts.deployment(objects));
        }
    }

    // ---- network policy

    static void assertNetworkPolicy(String service, List<HasMetadata> objects, Deployment deployment, Container container) {
        List<NetworkPolicy> policies = Charts.ofKind(objects, NetworkPolicy.class);
        assertThat(policies).as("NetworkPolicy").hasSize(1);
        NetworkPolicy policy = policies.get(0);
        assertSelects(policy.getSpec().getPodSelector().getMatchLabels(), deployment);
        assertThat(policy.getSpec().getPolicyTypes()).contains("Ingress");
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .as("pod label the other services' policies admit").containsEntry("app.kubernetes.io/part-of", "tmcp-suite");
        List<NetworkPolicyIngressRule> open = policy.getSpec().getIngress().stream().filter(ServiceChartTest::fromEverywhere).toList();
        if (service.equals("gateway")) {
            assertThat(open).as("the gateway accepts traffic from everywhere").hasSize(1);
            assertThat(open.get(0).getPorts()).as("on its service port only").hasSize(1);
            assertThat(resolvePort(container, open.get(0).getPorts().get(0).getPort())).isEqualTo(port(container, "http"));
        } else {
            assertThat(open).as(service + " accepts traffic from everywhere").isEmpty();
            NetworkPolicyIngressRule http = policy.getSpec().getIngress().stream()
                    .filter(r -> r.getPorts().stream().anyMatch(p -> resolvePort(container, p.getPort()) == port(container, "http")))
                    .filter(r -> r.getFrom().stream().anyMatch(peer -> peer.getPodSelector() != null
                            && "tmcp-suite".equals(peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/part-of"))))
                    .findFirst().orElse(null);
            assertThat(http).as(service + " takes traffic from the suite's pods").isNotNull();
        }
        if (service.equals("matrix-bridge")) {
            assertThat(policy.getSpec().getIngress()).as("the homeserver reaches the bridge")
                    .anyMatch(r -> r.getFrom().stream().anyMatch(peer -> peer.getPodSelector() != null
                            && "synapse".equals(peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/name"))));
        }
    }

    /** A rule without sources, or with a source that matches everything. */
    static boolean fromEverywhere(NetworkPolicyIngressRule rule) {
        if (rule.getFrom() == null || rule.getFrom().isEmpty()) {
            return true;
        }
        for (NetworkPolicyPeer peer : rule.getFrom()) {
            if (peer.getIpBlock() != null && (peer.getIpBlock().getCidr().equals("0.0.0.0/0") || peer.getIpBlock().getCidr().equals("::/0"))) {
                return true;
            }
            boolean anyNamespace = peer.getNamespaceSelector() != null
                    && isEmpty(peer.getNamespaceSelector().getMatchLabels()) && isEmpty(peer.getNamespaceSelector().getMatchExpressions());
            boolean anyPod = peer.getPodSelector() == null
                    || (isEmpty(peer.getPodSelector().getMatchLabels()) && isEmpty(peer.getPodSelector().getMatchExpressions()));
            if (anyNamespace && anyPod) {
                return true;
            }
        }
        return false;
    }

    // ---- helpers

    static boolean isEmpty(java.util.Collection<?> c) {
        return c == null || c.isEmpty();
    }

    static boolean isEmpty(Map<?, ?> m) {
        return m == null || m.isEmpty();
    }

    static void assertSelects(Map<String, String> selector, Deployment deployment) {
        assertThat(selector).isNotEmpty();
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(selector);
    }

    static Map<String, String> env(Container container) {
        Map<String, String> env = new LinkedHashMap<>();
        container.getEnv().forEach(e -> env.put(e.getName(), e.getValue()));
        return env;
    }

    static int port(Container container, String name) {
        return container.getPorts().stream().filter(p -> name.equals(p.getName())).map(ContainerPort::getContainerPort)
                .findFirst().orElseThrow(() -> new AssertionError("no container port named " + name));
    }

    /** A probe's, Service's or policy's port: a number, or the name of a declared container port. */
    static int resolvePort(Container container, IntOrString port) {
        assertThat(port).isNotNull();
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return port(container, port.getStrVal());
    }

    static int resolvePort(Container container, NetworkPolicyPort port) {
        return resolvePort(container, port.getPort());
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)(?::([^}]*))?}");

    /** Spring's ${NAME:default} against this environment (one level, enough for ports and addresses). */
    static String resolve(String value, Map<String, String> env) {
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = env.containsKey(m.group(1)) ? env.get(m.group(1)) : Objects.requireNonNullElse(m.group(2), "");
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
