package dev.tmcp.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tmcp.test.StackEnv;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real proof of the charts and the images: every service started from its image (the OCI tar
 * built by Jib, unpacked and run from its root filesystem, see {@link ServiceImage}) with exactly
 * the environment its rendered Deployment gives it (plus the documented Secret keys, from the local
 * stack's secrets) becomes ready on the probe the Deployment declares, and the chart-started gateway
 * answers through the chart-started services. The values are what an operator would write for this
 * machine: the infrastructure of the local stack, a port per service, and, when the stack runs
 * Zipkin ({@code tmcp up --observability}), the gateway's tracing on. One deviation, by the
 * machine's rules: the services bind 127.0.0.1, not the chart's 0.0.0.0.
 */
class RenderedEnvironmentIT {

    private static final Map<String, Integer> PORTS = ports();
    private static final int GATEWAY_MANAGEMENT_PORT = 18090;
    private static final Pattern SUITE_URL = Pattern.compile("http://([a-z-]+):\\d+");
    private static final Map<String, URI> READINESS = new LinkedHashMap<>();
    private static final List<ChartProcess> STARTED = new ArrayList<>();
    private static final Optional<String> ZIPKIN = StackEnv.find("ZIPKIN_URL")
            .filter(url -> ChartProcess.status(URI.create(url + "/health")) == 200);

    private static Map<String, Integer> ports() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (int i = 0; i < Charts.SERVICES.size(); i++) {
            ports.put(Charts.SERVICES.get(i), 18080 + i);
        }
        return ports;
    }

    @BeforeAll
    static void startEveryServiceFromItsChart() {
        assumeFalse(Boolean.getBoolean("skipImages"), "-DskipImages: no images to start the services from");
        for (String service : Charts.SERVICES) {
            String values = localValues(service);
            Container container = Charts.deployment(Charts.objects(service, values)).getSpec().getTemplate().getSpec()
                    .getContainers().get(0);
            Map<String, String> env = new HashMap<>(Charts.containerEnv(service, values).env());
            Charts.secretKeys(service).forEach(key -> env.put(key, StackEnv.get(key)));
            env.put("SERVER_ADDRESS", "127.0.0.1");
            env.computeIfPresent("MANAGEMENT_SERVER_ADDRESS", (key, value) -> "127.0.0.1");
            URI readiness = probe(container);
            READINESS.put(service, readiness);
            STARTED.add(ChartProcess.start(service, env, readiness));
        }
        STARTED.forEach(process -> process.awaitReady(Duration.ofSeconds(300)));
    }

    @AfterAll
    static void stopAll() {
        STARTED.parallelStream().forEach(ChartProcess::close);
    }

    @Test
    void everyServiceIsReadyOnTheProbeItsDeploymentDeclares() {
        READINESS.forEach((service, probe) -> assertThat(ChartProcess.status(probe)).as(service + " " + probe).isEqualTo(200));
    }

    @Test
    void aUserSignsInThroughTheChartsGatewayAndEveryServiceBehindItAnswers() {
        String gateway = "http://127.0.0.1:" + PORTS.get("gateway");
        String tep = SuiteUser.tep(gateway, "wallet:balance wallet:pay storage:read");

        assertThat(SuiteUser.get(gateway + "/api/v1/store/categories", tep).status()).as("appstore-service").isEqualTo(200);
        assertThat(SuiteUser.get(gateway + "/wallet/v1/balance", tep).status()).as("wallet-adapter").isEqualTo(200);
        assertThat(SuiteUser.get(gateway + "/api/v1/storage?limit=1", tep).status()).as("storage-service").isEqualTo(200);
        SuiteUser.Answer transfer = SuiteUser.get(gateway + "/wallet/v1/p2p/p2p_chart_unknown", tep);
        assertThat(transfer.status()).as("payment-service: %s", transfer.body()).isEqualTo(404);
        assertThat(transfer.body().path("error").path("code").asString()).as("payment-service").isNotEqualTo("NOT_FOUND");
    }

    /** tracing.enabled in the chart attaches the javaagent inside the image: the request's trace reaches Zipkin. */
    @Test
    void theGatewaysImageTracesWithTheAgentItCarriesWhenTheChartEnablesTracing() {
        assumeTrue(ZIPKIN.isPresent(), "no Zipkin in the local stack (tmcp up --observability)");
        String gateway = "http://127.0.0.1:" + PORTS.get("gateway");
        String tep = SuiteUser.tep(gateway, "wallet:balance");
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String traceparent = "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01";
        assertThat(SuiteUser.get(gateway + "/api/v1/store/categories", tep, traceparent).status()).isEqualTo(200);

        Instant deadline = Instant.now().plusSeconds(30);
        List<String> services = List.of();
        while (!services.contains("gateway") && Instant.now().isBefore(deadline)) {
            SuiteUser.Answer trace = SuiteUser.get(ZIPKIN.get() + "/api/v2/trace/" + traceId);
            if (trace.status() == 200) {
                services = trace.body().valueStream().map(span -> span.path("localEndpoint").path("serviceName").asString()).toList();
            }
            ChartProcess.sleep(Duration.ofMillis(500));
        }
        // Only the chart-started gateway saw this trace id: the stack's own services never got the request.
        assertThat(services).as("services in trace " + traceId).contains("gateway");
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    /**
     * Values for this machine: the service's port, the suite's URLs at the other chart-started
     * services, and every other setting the chart lists taken from the local stack where it has one.
     */
    private static String localValues(String service) {
        StringBuilder values = new StringBuilder("containerPort: " + PORTS.get(service) + "\n");
        if (service.equals("gateway")) {
            values.append("management:\n  port: ").append(GATEWAY_MANAGEMENT_PORT).append('\n');
        }
        if (service.equals("gateway") && ZIPKIN.isPresent()) {
            values.append("tracing: {enabled: true, exporter: zipkin, endpoint: \"").append(ZIPKIN.get()).append("/api/v2/spans\"}\n");
        }
        values.append("env:\n");
        Charts.containerEnv(service, null).env().forEach((key, value) -> {
            String local = local(key, value);
            if (local != null && !local.equals(value)) {
                values.append("  ").append(key).append(": \"").append(local).append("\"\n");
            }
        });
        return values.toString();
    }

    private static String local(String key, String value) {
        if (value == null || key.startsWith("SERVER_") || key.startsWith("MANAGEMENT_")) {
            return null;
        }
        Matcher url = SUITE_URL.matcher(value);
        if (url.matches() && PORTS.containsKey(url.group(1))) {
            return "http://127.0.0.1:" + PORTS.get(url.group(1));
        }
        return StackEnv.find(key).orElse(null);
    }

    private static URI probe(Container container) {
        HTTPGetAction get = container.getReadinessProbe().getHttpGet();
        String port = get.getPort().getStrVal();
        int number = port == null ? get.getPort().getIntVal() : container.getPorts().stream()
                .filter(p -> port.equals(p.getName())).map(ContainerPort::getContainerPort).findFirst().orElseThrow();
        return URI.create("http://127.0.0.1:" + number + get.getPath());
    }
}
