package dev.tmcp.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * tracing.*: the image's OpenTelemetry javaagent (/opt/otel) is attached only when enabled, through
 * JAVA_TOOL_OPTIONS and the OTEL_* variables the agent reads.
 */
class TracingValuesTest {

    private static final String AGENT = "-javaagent:/opt/otel/opentelemetry-javaagent.jar";

    static List<String> services() {
        return Charts.SERVICES;
    }

    @ParameterizedTest
    @MethodSource("services")
    void offByDefault(String service) {
        Map<String, String> env = Charts.containerEnv(service, null).env();
        assertThat(env.get("JAVA_TOOL_OPTIONS")).doesNotContain("-javaagent");
        assertThat(env.keySet()).noneMatch(name -> name.startsWith("OTEL_"));
    }

    @ParameterizedTest
    @MethodSource("services")
    void otlpAttachesTheAgentNamedAfterTheService(String service) {
        Map<String, String> env = Charts.containerEnv(service, """
                tracing: {enabled: true, exporter: otlp, endpoint: "http://otel-collector:4318"}
                """).env();
        assertThat(env.get("JAVA_TOOL_OPTIONS")).as("the chart's JVM options kept, the agent appended")
                .isEqualTo("-XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError " + AGENT);
        assertThat(env).containsEntry("OTEL_SERVICE_NAME", service)
                .containsEntry("OTEL_TRACES_EXPORTER", "otlp")
                .containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector:4318")
                .containsEntry("OTEL_METRICS_EXPORTER", "none")
                .containsEntry("OTEL_LOGS_EXPORTER", "none")
                .containsEntry("OTEL_PROPAGATORS", "tracecontext,baggage")
                .containsEntry("OTEL_TRACES_SAMPLER", "parentbased_traceidratio")
                .containsEntry("OTEL_TRACES_SAMPLER_ARG", "1")
                .containsEntry("OTEL_INSTRUMENTATION_COMMON_DEFAULT_ENABLED", "false")
                .containsEntry("OTEL_INSTRUMENTATION_REACTOR_NETTY_ENABLED", "true")
                .containsEntry("OTEL_INSTRUMENTATION_SPRING_KAFKA_ENABLED", "true")
                .doesNotContainKeys("OTEL_JAVAAGENT_EXTENSIONS", "OTEL_EXPORTER_ZIPKIN_ENDPOINT");
    }

    @Test
    void zipkinLoadsTheExporterExtensionOfTheImage() {
        Map<String, String> env = Charts.containerEnv("payment-service", """
                tracing: {enabled: true, exporter: zipkin, endpoint: "http://zipkin:9411/api/v2/spans", instrumentations: []}
                """).env();
        assertThat(env).containsEntry("OTEL_TRACES_EXPORTER", "zipkin")
                .containsEntry("OTEL_JAVAAGENT_EXTENSIONS", "/opt/otel/extensions")
                .containsEntry("OTEL_EXPORTER_ZIPKIN_ENDPOINT", "http://zipkin:9411/api/v2/spans")
                .doesNotContainKeys("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_INSTRUMENTATION_COMMON_DEFAULT_ENABLED");
    }

    @Test
    void enabledWithoutAnEndpointIsRefused() {
        assertThatThrownBy(() -> Charts.render("gateway", "tracing: {enabled: true}\n"))
                .hasMessageContaining("tracing.endpoint is required");
        assertThatThrownBy(() -> Charts.render("gateway", "tracing: {enabled: true, exporter: jaeger, endpoint: x}\n"))
                .hasMessageContaining("don't meet the specifications of the schema");
    }

    @Test
    void theUmbrellasGlobalTracingReachesEveryService() {
        Map<String, Deployment> deployments = new LinkedHashMap<>();
        Charts.ofKind(KubeModel.parse(Charts.render(Charts.UMBRELLA, """
                global:
                  tracing: {enabled: true, exporter: zipkin, endpoint: "http://zipkin.observability:9411/api/v2/spans", sampleRatio: 0.05}
                """)), Deployment.class).forEach(d -> deployments.put(d.getMetadata().getName(), d));
        assertThat(deployments.keySet()).containsExactlyInAnyOrderElementsOf(Charts.SERVICES);
        deployments.forEach((service, deployment) -> {
            Map<String, String> env = new LinkedHashMap<>();
            for (EnvVar var : deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
                env.put(var.getName(), var.getValue());
            }
            assertThat(env.get("JAVA_TOOL_OPTIONS")).as(service).endsWith(AGENT);
            assertThat(env).as(service).containsEntry("OTEL_SERVICE_NAME", service)
                    .containsEntry("OTEL_EXPORTER_ZIPKIN_ENDPOINT", "http://zipkin.observability:9411/api/v2/spans")
                    .containsEntry("OTEL_TRACES_SAMPLER_ARG", "0.05");
        });
    }

    /** The charts enable the instrumentations `tmcp up --observability` enables (deploy/scripts/tracing.sh). */
    @Test
    void theInstrumentationsAreThoseOfTheLocalStack() throws IOException {
        String script = Files.readString(Charts.repoRoot().resolve("deploy/scripts/tracing.sh"));
        Matcher list = Pattern.compile("TRACING_INSTRUMENTATIONS=\"([^\"]*)\"").matcher(script);
        assertThat(list.find()).isTrue();
        List<String> local = Arrays.asList(list.group(1).trim().split("\\s+"));
        for (String service : Charts.SERVICES) {
            @SuppressWarnings("unchecked")
            Map<String, Object> tracing = (Map<String, Object>) Charts.values(service).get("tracing");
            assertThat(Yaml.strings(tracing.get("instrumentations"))).as(service).containsExactlyElementsOf(local);
        }
    }
}
