package dev.tmcp.charts;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Renders the charts in helm/ with helm-java (its own native helm, no helm binary needed).
 *
 * <p>The charts are copied once per JVM to target/helm-work, and `helm dependency update` runs there
 * (tmcp-common into each service chart, then the seven charts into tmcp-suite), so the source tree
 * gets no charts/ folders or Chart.lock files.
 *
 * <p>For reuse: {@link #containerEnv(String, String)} gives the environment a service's rendered
 * Deployment gives its container, and the Secret it loads, to start the service with exactly that.
 */
public final class Charts {

    public static final List<String> SERVICES = List.of("gateway", "auth-service", "wallet-adapter",
            "payment-service", "storage-service", "appstore-service", "matrix-bridge");
    public static final String LIBRARY = "tmcp-common";
    public static final String UMBRELLA = "tmcp-suite";
    public static final String RELEASE = "tmcp";
    public static final String NAMESPACE = "tmcp";

    private static Path work;

    private Charts() {
    }

    /** The repository root: the module sits at helm/chart-test ({@code -Dtmcp.root} overrides). */
    public static Path repoRoot() {
        String configured = System.getProperty("tmcp.root");
        Path root = configured != null ? Path.of(configured)
                : Path.of("").toAbsolutePath().getParent().getParent();
        if (!Files.isDirectory(root.resolve("helm").resolve(UMBRELLA))) {
            throw new IllegalStateException("no helm/" + UMBRELLA + " under " + root + " (set -Dtmcp.root)");
        }
        return root.toAbsolutePath().normalize();
    }

    /** The charts' source folder, helm/ in the repository. */
    public static Path sourceCharts() {
        return repoRoot().resolve("helm");
    }

    /** A copy of helm/ with every chart's dependencies built; made once per JVM. */
    public static synchronized Path workCharts() {
        if (work != null) {
            return work;
        }
        try {
            Path dir = Path.of("target", "helm-work").toAbsolutePath();
            deleteRecursively(dir);
            Files.createDirectories(dir);
            List<String> charts = new ArrayList<>(List.of(LIBRARY, UMBRELLA));
            charts.addAll(SERVICES);
            for (String chart : charts) {
                copyChart(sourceCharts().resolve(chart), dir.resolve(chart));
            }
            for (String chart : SERVICES) {
                new Helm(dir.resolve(chart)).dependency().update().skipRefresh().call();
            }
            new Helm(dir.resolve(UMBRELLA)).dependency().update().skipRefresh().call();
            work = dir;
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static void copyChart(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path relative = from.relativize(file);
                if (relative.toString().startsWith("charts") || relative.toString().equals("Chart.lock")) {
                    continue;
                }
                Path copy = to.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
    }

    /** A template call on the chart's work copy, release {@value #RELEASE} in namespace {@value #NAMESPACE}. */
    public static TemplateCommand template(String chart) {
        return new Helm(workCharts().resolve(chart)).template().withName(RELEASE).withNamespace(NAMESPACE);
    }

    /** Renders the chart with its defaults plus the given values (YAML, may be null). */
    public static String render(String chart, String valuesYaml) {
        TemplateCommand command = template(chart);
        if (valuesYaml != null && !valuesYaml.isBlank()) {
            command = command.withValuesFile(writeValues(valuesYaml));
        }
        return command.call();
    }

    /** Renders the chart and parses every document strictly into its Kubernetes model class. */
    public static List<HasMetadata> objects(String chart, String valuesYaml) {
        return KubeModel.parse(render(chart, valuesYaml));
    }

    /** Writes values to a file under target/ (helm-java takes values files and --set pairs). */
    public static Path writeValues(String valuesYaml) {
        try {
            Path file = Files.createTempFile(workCharts(), "values-", ".yaml");
            Files.writeString(file, valuesYaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one Deployment among the objects. */
    public static Deployment deployment(List<HasMetadata> objects) {
        List<Deployment> deployments = ofKind(objects, Deployment.class);
        if (deployments.size() != 1) {
            throw new IllegalStateException("expected one Deployment, got " + deployments.size());
        }
        return deployments.get(0);
    }

    public static <T extends HasMetadata> List<T> ofKind(List<HasMetadata> objects, Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /**
     * What a service's container gets from its rendered Deployment.
     *
     * @param env every env entry in order; a valueFrom entry maps to "valueFrom:" plus its source
     * @param secretName the Secret loaded with envFrom
     * @param secretOptional whether the pod starts without that Secret
     * @param secretKeys the keys the chart documents for that Secret (values.yaml secretKeys)
     */
    public record ContainerEnv(Map<String, String> env, String secretName, boolean secretOptional,
            List<String> secretKeys) {
    }

    /** The environment of the service's container as rendered with its defaults plus the given values (YAML, may be null). */
    public static ContainerEnv containerEnv(String service, String valuesYaml) {
        Deployment deployment = deployment(objects(service, valuesYaml));
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar var : container.getEnv()) {
            env.put(var.getName(), var.getValueFrom() == null ? var.getValue() : "valueFrom:" + var.getValueFrom());
        }
        var secretRef = container.getEnvFrom().get(0).getSecretRef();
        return new ContainerEnv(env, secretRef.getName(), Boolean.TRUE.equals(secretRef.getOptional()),
                secretKeys(service));
    }

    /** The chart's values.yaml as maps and lists. */
    public static Map<String, Object> values(String chart) {
        return Yaml.readMap(sourceCharts().resolve(chart).resolve("values.yaml"));
    }

    /** values.yaml secretKeys: what the service needs from its Secret. */
    public static List<String> secretKeys(String chart) {
        return Yaml.strings(values(chart).get("secretKeys"));
    }

    /** values.yaml optionalSecretKeys: read from the Secret only with a feature turned on. */
    public static List<String> optionalSecretKeys(String chart) {
        return Yaml.strings(values(chart).get("optionalSecretKeys"));
    }

    /** Sorted copy, for messages. */
    static Map<String, String> sorted(Map<String, String> map) {
        return new TreeMap<>(map);
    }
}
