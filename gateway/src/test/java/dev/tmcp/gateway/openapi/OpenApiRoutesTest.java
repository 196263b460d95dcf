package dev.tmcp.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The OpenAPI document and the gateway's routes ({@code application.yml}) describe the same API:
 * every documented operation is served by the route it names (first match wins, as in the gateway),
 * every route serves at least one documented operation, and a route's TEP check and scope are the
 * operation's security and {@code x-tmcp-scope}.
 */
class OpenApiRoutesTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final String GATEWAY = "gateway";

    record Route(String id, List<PathPattern> paths, Set<String> methods, boolean basicHeader, boolean tep, String scope) {

        boolean serves(String method, String path, boolean basic) {
            PathContainer container = PathContainer.parsePath(path);
            return paths.stream().anyMatch(p -> p.matches(container))
                    && (methods == null || methods.contains(method))
                    && (!basicHeader || basic);
        }
    }

    record Operation(String method, String path, List<String> security, Set<String> declaredRoutes, String scope,
            boolean hasDefaultError) {

        String name() {
            return method + " " + path;
        }
    }

    static List<Route> routes;
    static List<Operation> operations;

    @BeforeAll
    static void load() throws IOException {
        routes = routes(yaml("application.yml"));
        operations = operations(yaml(OpenApiController.DOCUMENT));
    }

    @Test
    void everyDocumentedOperationIsServedByTheRouteItNames() {
        List<String> wrong = new ArrayList<>();
        for (Operation op : operations) {
            Set<String> served = servedBy(op);
            if (served.isEmpty() || !served.equals(op.declaredRoutes())) {
                wrong.add(op.name() + " names " + op.declaredRoutes() + " but is served by " + served);
            }
        }
        assertThat(wrong).as("documented operations that no route (or another route) serves").isEmpty();
    }

    @Test
    void everyRouteServesADocumentedOperation() {
        Set<String> covered = new TreeSet<>();
        operations.forEach(op -> covered.addAll(servedBy(op)));
        List<String> undocumented = routes.stream().map(Route::id).filter(id -> !covered.contains(id)).toList();
        assertThat(undocumented).as("routes with no path in the OpenAPI document").isEmpty();
    }

    @Test
    void theGatewaysOwnPathsAreTheDocumentsEndpoints() throws NoSuchMethodException {
        Set<String> documented = new TreeSet<>();
        operations.stream().filter(op -> op.declaredRoutes().contains(GATEWAY)).forEach(op -> documented.add(op.name()));
        Set<String> served = new TreeSet<>();
        for (var method : OpenApiController.class.getDeclaredMethods()) {
            GetMapping get = method.getAnnotation(GetMapping.class);
            if (get != null) {
                Arrays.stream(get.value()).forEach(path -> served.add("get " + path));
            }
        }
        assertThat(served).isNotEmpty().isEqualTo(documented);
    }

    @Test
    void tepRoutesAreDocumentedWithTheTepSchemeAndTheirScope() {
        List<String> wrong = new ArrayList<>();
        for (Operation op : operations) {
            List<Route> served = routes.stream().filter(r -> servedBy(op).contains(r.id())).toList();
            boolean tepRoute = served.stream().anyMatch(Route::tep);
            if (tepRoute != op.security().contains("tep")) {
                wrong.add(op.name() + ": route checks a TEP = " + tepRoute + ", document security = " + op.security());
            }
            served.stream().filter(r -> r.tep() && r.scope() != null && !r.scope().equals(op.scope()))
                    .forEach(r -> wrong.add(op.name() + ": route scope " + r.scope() + ", x-tmcp-scope " + op.scope()));
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyOperationOfAServiceDocumentsItsErrorBody() {
        List<String> missing = operations.stream()
                .filter(op -> !op.path().startsWith("/.well-known/") && !op.declaredRoutes().contains(GATEWAY))
                .filter(op -> !op.hasDefaultError()).map(Operation::name).toList();
        assertThat(missing).isEmpty();
    }

    /** The routes serving the operation: with and without HTTP Basic when it documents both. */
    private static Set<String> servedBy(Operation op) {
        if (op.declaredRoutes().contains(GATEWAY)) {
            return Set.of(GATEWAY);
        }
        String concrete = op.path().replaceAll("\\{[^}]+}", "x1");
        Set<Boolean> variants = new LinkedHashSet<>();
        for (String scheme : op.security()) {
            variants.add(scheme.equals("merchantBasic"));
        }
        if (variants.isEmpty()) {
            variants.add(false);
        }
        Set<String> served = new TreeSet<>();
        for (boolean basic : variants) {
            routes.stream().filter(r -> r.serves(op.method(), concrete, basic)).findFirst()
                    .ifPresent(r -> served.add(r.id()));
        }
        return served;
    }

    @SuppressWarnings("unchecked")
    private static List<Route> routes(Map<String, Object> config) {
        Map<String, Object> webflux = (Map<String, Object>) path(config, "spring", "cloud", "gateway", "server", "webflux");
        List<Route> out = new ArrayList<>();
        for (Map<String, Object> route : (List<Map<String, Object>>) webflux.get("routes")) {
            List<PathPattern> paths = new ArrayList<>();
            Set<String> methods = null;
            boolean basic = false;
            for (String predicate : (List<String>) route.get("predicates")) {
                String name = predicate.substring(0, predicate.indexOf('='));
                String args = predicate.substring(predicate.indexOf('=') + 1);
                switch (name) {
                    case "Path" -> Arrays.stream(args.split(",")).map(String::trim)
                            .forEach(p -> paths.add(PathPatternParser.defaultInstance.parse(p)));
                    case "Method" -> methods = new TreeSet<>(Arrays.stream(args.split(","))
                            .map(m -> m.trim().toLowerCase()).toList());
                    case "Header" -> basic = args.toLowerCase().contains("basic");
                    default -> {
                        // A predicate that does not narrow paths, methods or the credential scheme
                        // (an operator switch, say) leaves the route's paths as they are.
                    }
                }
            }
            // The Tep filter: `Tep`, or `Tep=<scope>` where the gateway checks the scope too.
            String tep = ((List<String>) route.getOrDefault("filters", List.of())).stream()
                    .filter(f -> f.equals("Tep") || f.startsWith("Tep=")).findFirst().orElse(null);
            out.add(new Route((String) route.get("id"), paths, methods, basic,
                    tep != null, tep != null && tep.contains("=") ? tep.substring(tep.indexOf('=') + 1) : null));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Operation> operations(Map<String, Object> document) {
        List<String> defaultSecurity = schemes((List<Map<String, Object>>) document.get("security"));
        List<Operation> out = new ArrayList<>();
        ((Map<String, Map<String, Object>>) document.get("paths")).forEach((path, item) -> item.forEach((method, value) -> {
            if (!METHODS.contains(method)) {
                return;
            }
            Map<String, Object> op = (Map<String, Object>) value;
            List<String> security = op.containsKey("security")
                    ? schemes((List<Map<String, Object>>) op.get("security")) : defaultSecurity;
            Set<String> declared = new TreeSet<>();
            Arrays.stream(String.valueOf(op.get("x-tmcp-route")).split(",")).map(String::trim).forEach(declared::add);
            Map<String, Object> responses = (Map<String, Object>) op.getOrDefault("responses", Map.of());
            out.add(new Operation(method, path, security, declared, (String) op.get("x-tmcp-scope"),
                    responses.containsKey("default")));
        }));
        assertThat(out).hasSizeGreaterThan(50);
        return out;
    }

    private static List<String> schemes(List<Map<String, Object>> requirements) {
        List<String> names = new ArrayList<>();
        requirements.forEach(r -> names.addAll(r.keySet()));
        return names;
    }

    @SuppressWarnings("unchecked")
    private static Object path(Map<String, Object> tree, String... keys) {
        Object node = tree;
        for (String key : keys) {
            node = ((Map<String, Object>) node).get(key);
        }
        return node;
    }

    private static Map<String, Object> yaml(String resource) throws IOException {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return OpenApiController.load(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
