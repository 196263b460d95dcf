package dev.tmcp.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The gateway's OpenAPI document (the source the gateway serves at {@code /api/v1/openapi.json}),
 * read from the checkout so the fuzzer tests the document of the code under test; local
 * {@code $ref}s resolved.
 */
final class FuzzDocument {

    static final String DOCUMENT = "gateway/src/main/resources/openapi/tmcp-public-api.yaml";
    static final String GATEWAY_CONFIG = "gateway/src/main/resources/application.yml";

    /** One parameter of an operation: in path or query. */
    record Parameter(String name, String in, boolean required, Map<String, Object> schema) {
    }

    /**
     * One operation. {@code bodyType} is {@code json}, {@code form} or null; {@code errorFormats}
     * names the error bodies its default response allows ({@code Error}, {@code OAuthError},
     * {@code MatrixError}).
     */
    record Operation(String method, String path, List<Parameter> parameters, String bodyType,
            Map<String, Object> bodySchema, boolean bodyRequired, List<String> security, List<String> errorFormats) {

        String name() {
            return method + " " + path;
        }

        boolean isRpc() {
            return path.equals("/api/v1/client/bridge") || path.equals("/api/v1/rpc");
        }
    }

    private final Map<String, Object> root;
    final List<Operation> operations;

    private FuzzDocument(Map<String, Object> root) {
        this.root = root;
        this.operations = operations();
    }

    static FuzzDocument load() {
        return new FuzzDocument(yaml(DOCUMENT));
    }

    static Map<String, Object> yaml(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve(relative))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
        }
        try {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(dir.resolve(relative)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A schema with its {@code $ref} (and nested ones, lazily) resolved. */
    @SuppressWarnings("unchecked")
    Map<String, Object> resolve(Object schema) {
        if (!(schema instanceof Map<?, ?> map)) {
            return Map.of();
        }
        Object ref = map.get("$ref");
        if (ref instanceof String r && r.startsWith("#/")) {
            Object node = root;
            for (String part : r.substring(2).split("/")) {
                node = ((Map<String, Object>) node).get(part);
            }
            return resolve(node);
        }
        return (Map<String, Object>) map;
    }

    @SuppressWarnings("unchecked")
    private List<Operation> operations() {
        List<String> defaultSecurity = schemes(root.get("security"));
        List<Operation> out = new ArrayList<>();
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) root.get("paths");
        paths.forEach((path, item) -> {
            List<Object> shared = (List<Object>) item.getOrDefault("parameters", List.of());
            item.forEach((method, value) -> {
                if (!List.of("get", "put", "post", "delete", "patch").contains(method)) {
                    return;
                }
                Map<String, Object> op = (Map<String, Object>) value;
                List<Parameter> parameters = new ArrayList<>();
                List<Object> all = new ArrayList<>(shared);
                all.addAll((List<Object>) op.getOrDefault("parameters", List.of()));
                for (Object p : all) {
                    Map<String, Object> param = resolve(p);
                    parameters.add(new Parameter((String) param.get("name"), (String) param.get("in"),
                            Boolean.TRUE.equals(param.get("required")), resolve(param.get("schema"))));
                }
                String bodyType = null;
                Map<String, Object> bodySchema = Map.of();
                boolean bodyRequired = false;
                if (op.containsKey("requestBody")) {
                    Map<String, Object> body = resolve(op.get("requestBody"));
                    Map<String, Object> content = (Map<String, Object>) body.get("content");
                    bodyRequired = Boolean.TRUE.equals(body.get("required"));
                    if (content.containsKey("application/json")) {
                        bodyType = "json";
                        bodySchema = resolve(((Map<String, Object>) content.get("application/json")).get("schema"));
                    } else {
                        bodyType = "form";
                        bodySchema = resolve(((Map<String, Object>) content.get("application/x-www-form-urlencoded")).get("schema"));
                    }
                }
                List<String> security = op.containsKey("security") ? schemes(op.get("security")) : defaultSecurity;
                Map<String, Object> responses = (Map<String, Object>) op.getOrDefault("responses", Map.of());
                out.add(new Operation(method.toUpperCase(), path, parameters, bodyType, bodySchema, bodyRequired,
                        security, errorFormats(responses.get("default"))));
            });
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private List<String> errorFormats(Object response) {
        List<String> formats = new ArrayList<>();
        if (response instanceof Map<?, ?> map && map.get("$ref") instanceof String ref) {
            String name = ref.substring(ref.lastIndexOf('/') + 1);
            formats.add(name);
        }
        if (formats.isEmpty() || !formats.contains("Error")) {
            formats.add("Error"); // the gateway's own refusals (401, 404, 413, 429) are always 12.1
        }
        return formats;
    }

    @SuppressWarnings("unchecked")
    private static List<String> schemes(Object requirements) {
        List<String> names = new ArrayList<>();
        if (requirements instanceof List<?> list) {
            for (Object r : list) {
                names.addAll(((Map<String, Object>) r).keySet());
            }
        }
        if (names.isEmpty()) {
            names.add("none");
        }
        return names;
    }

    /** The gateway's rate rows ({@code tmcp.gateway.rate-limits.rows}), for the fuzzer's own budget. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rateRows() {
        Map<String, Object> node = yaml(GATEWAY_CONFIG);
        for (String key : List.of("tmcp", "gateway", "rate-limits")) {
            node = (Map<String, Object>) node.get(key);
        }
        return (List<Map<String, Object>>) node.get("rows");
    }

    static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
