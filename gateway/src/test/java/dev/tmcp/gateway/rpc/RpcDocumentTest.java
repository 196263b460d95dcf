package dev.tmcp.gateway.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The OpenAPI document is what the SDK's types are generated from (decision 0051): it names every
 * method the bridge serves, and each {@code x-tmcp-rpc} operation is the REST call its method makes.
 */
class RpcDocumentTest {

    private final RpcRoutes routes = TestRpc.routes();
    private final ServiceMethods services = new ServiceMethods(routes);
    private final JsonRpcMethods methods = new JsonRpcMethods(services, routes);

    @Test
    void theDocumentsMethodListIsWhatTheBridgeServes() throws IOException {
        Map<String, Object> callSchema = at(document(), "components", "schemas", "JsonRpcCall", "properties", "method");
        @SuppressWarnings("unchecked")
        List<String> documented = (List<String>) callSchema.get("enum");

        assertThat(new TreeSet<>(documented)).isEqualTo(methods.names());
    }

    @Test
    void eachRestBackedMethodIsTheOperationThatNamesIt() throws IOException {
        Map<String, String> documented = new TreeMap<>();
        Map<String, Object> paths = at(document(), "paths");
        paths.forEach((path, item) -> ((Map<?, ?>) item).forEach((verb, operation) -> {
            if (operation instanceof Map<?, ?> op && op.get("x-tmcp-rpc") instanceof String method) {
                documented.put(method, verb.toString().toUpperCase() + " " + path);
            }
        }));
        Map<String, String> served = new TreeMap<>();
        for (String method : services.names()) {
            RestMethod rest = services.rest(method);
            served.put(method, rest.http().name() + " " + rest.path());
        }
        List<String> missing = new ArrayList<>();
        served.forEach((method, route) -> {
            if (!route.equals(documented.get(method))) {
                missing.add(method + " is " + route + " but the document says " + documented.get(method));
            }
        });
        assertThat(missing).isEmpty();
        assertThat(Set.copyOf(documented.keySet())).containsAll(served.keySet());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Map<String, Object> node, String... keys) {
        Map<String, Object> current = node;
        for (String key : keys) {
            current = (Map<String, Object>) current.get(key);
        }
        return current;
    }

    private static Map<String, Object> document() throws IOException {
        try (InputStream in = new ClassPathResource("openapi/tmcp-public-api.yaml").getInputStream()) {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
