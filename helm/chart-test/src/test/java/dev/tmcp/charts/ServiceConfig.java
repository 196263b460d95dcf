package dev.tmcp.charts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a service reads from its environment: the ${NAME} and ${NAME:default} placeholders of its
 * application.yml and of the shared defaults every service loads (libs/tmcp-web tmcp-defaults.yml:
 * its database part only for services with R2DBC, its Kafka part only for services with Kafka, as
 * the service's pom.xml says), read as files: this module depends on no service module.
 */
public final class ServiceConfig {

    /** An empty default that means "off" rather than "missing", with why. */
    static final Map<String, String> OPTIONAL_WHEN_EMPTY = Map.of(
            "TMCP_CORS_ALLOWED_ORIGINS", "no browser origins allowed",
            "TMCP_GATEWAY_EXPOSED_PREFIXES", "no operator-only routes exposed",
            "TMCP_WALLET_PROVIDER_URL", "only with TMCP_WALLET_PROVIDER=http",
            "TMCP_WALLET_PROVIDER_KEY", "only with TMCP_WALLET_PROVIDER=http",
            "TMCP_PROVIDER_API_KEY", "only with TMCP_PROVIDER_API_ENABLED=true",
            "TMCP_BRIDGE_TOPIC_PREFIX", "empty in a deployment; test bridges set one",
            "TMCP_DEMO_SHOP_URL", "no demo shop: only the local stack seeds one, with the demo app");

    /** One placeholder; {@code defaultValue} is null when there is none. */
    public record Placeholder(String name, String defaultValue, String path) {

        public boolean hasDefault() {
            return defaultValue != null;
        }

        /** Pointing at the pod itself: in a cluster the value must come from the chart. */
        public boolean loopbackDefault() {
            return defaultValue != null && !defaultValue.contains("${")
                    && (defaultValue.contains("127.0.0.1") || defaultValue.contains("localhost"));
        }

        /**
         * Required in a cluster: no default; an empty default that is not a feature switched off
         * (a secret the service checks at start, e.g. TMCP_PAYMENT_SERVICE_SECRET); or a default on
         * the loopback address. Replica lists (*_URLS) are empty on a cluster, where a Service balances.
         */
        public boolean requiredInCluster() {
            if (name.endsWith("_URLS")) {
                return false;
            }
            if (!hasDefault()) {
                return true;
            }
            if (defaultValue.isEmpty()) {
                return !OPTIONAL_WHEN_EMPTY.containsKey(name);
            }
            return loopbackDefault();
        }
    }

    private final String service;
    private final List<Placeholder> placeholders;
    private final Map<String, Object> applicationYml;

    private ServiceConfig(String service, List<Placeholder> placeholders, Map<String, Object> applicationYml) {
        this.service = service;
        this.placeholders = placeholders;
        this.applicationYml = applicationYml;
    }

    public static ServiceConfig of(String service) {
        Path root = Charts.repoRoot();
        Path module = root.resolve(service);
        String pom = read(module.resolve("pom.xml"));
        boolean database = pom.contains("r2dbc");
        boolean kafka = pom.contains("kafka");
        List<Placeholder> placeholders = new ArrayList<>();
        Map<String, Object> own = Yaml.readMap(module.resolve("src/main/resources/application.yml"));
        collect(own, "", placeholders);
        Map<String, Object> defaults = Yaml.readMap(root.resolve("libs/tmcp-web/src/main/resources/tmcp-defaults.yml"));
        List<Placeholder> shared = new ArrayList<>();
        collect(defaults, "", shared);
        for (Placeholder p : shared) {
            boolean databasePart = p.path().startsWith("spring.r2dbc.") || p.path().startsWith("spring.flyway.");
            boolean kafkaPart = p.path().startsWith("spring.kafka.");
            if ((databasePart && !database) || (kafkaPart && !kafka)) {
                continue;
            }
            placeholders.add(p);
        }
        return new ServiceConfig(service, placeholders, own);
    }

    public String service() {
        return service;
    }

    public List<Placeholder> placeholders() {
        return placeholders;
    }

    /** Every variable the service reads. */
    public Set<String> names() {
        Map<String, Placeholder> byName = new TreeMap<>();
        placeholders.forEach(p -> byName.putIfAbsent(p.name(), p));
        return byName.keySet();
    }

    /** The variables that a pod must be given, with the placeholder that makes each one required. */
    public Map<String, Placeholder> requiredInCluster() {
        Map<String, Placeholder> required = new TreeMap<>();
        for (Placeholder p : placeholders) {
            if (p.requiredInCluster()) {
                required.putIfAbsent(p.name(), p);
            }
        }
        return required;
    }

    /** The service's own application.yml value at a dotted path, or null. */
    public Object property(String dottedPath) {
        Object node = applicationYml;
        for (String key : dottedPath.split("\\.")) {
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(key)) {
                return null;
            }
            node = map.get(key);
        }
        return node;
    }

    private static void collect(Object node, String path, List<Placeholder> out) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collect(v, path.isEmpty() ? String.valueOf(k) : path + "." + k, out));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                collect(list.get(i), path + "[" + i + "]", out);
            }
        } else if (node != null) {
            parse(String.valueOf(node), path, out);
        }
    }

    /** The placeholders of one value, nested defaults included: ${A_URLS:${A_URL:http://127.0.0.1:1}}. */
    static List<Placeholder> parse(String value, String path, List<Placeholder> out) {
        int from = 0;
        while (true) {
            int start = value.indexOf("${", from);
            if (start < 0) {
                return out;
            }
            int depth = 0;
            int colon = -1;
            int end = -1;
            for (int i = start + 2; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '$' && i + 1 < value.length() && value.charAt(i + 1) == '{') {
                    depth++;
                    i++;
                } else if (c == '}') {
                    if (depth == 0) {
                        end = i;
                        break;
                    }
                    depth--;
                } else if (c == ':' && depth == 0 && colon < 0) {
                    colon = i;
                }
            }
            if (end < 0) {
                throw new IllegalArgumentException("unclosed placeholder in " + path + ": " + value);
            }
            String name = value.substring(start + 2, colon < 0 ? end : colon);
            String defaultValue = colon < 0 ? null : value.substring(colon + 1, end);
            // ${tmcp.db.name} and the like refer to properties, not to the environment.
            if (name.matches("[A-Z_][A-Z0-9_]*")) {
                out.add(new Placeholder(name, defaultValue, path));
            }
            if (defaultValue != null) {
                parse(defaultValue, path, out);
            }
            from = end + 1;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For messages. */
    static Map<String, String> describe(Map<String, Placeholder> placeholders) {
        Map<String, String> out = new LinkedHashMap<>();
        placeholders.forEach((k, p) -> out.put(k, p.path() + (p.hasDefault() ? " (default '" + p.defaultValue() + "')" : " (no default)")));
        return out;
    }
}
