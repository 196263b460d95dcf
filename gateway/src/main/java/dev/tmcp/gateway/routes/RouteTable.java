package dev.tmcp.gateway.routes;

import dev.tmcp.gateway.tep.DeveloperGatewayFilterFactory;
import dev.tmcp.gateway.tep.TepGatewayFilterFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.handler.predicate.PredicateDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.support.NameUtils;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PatternParseException;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The gateway's routes, read once at start from the same definitions Spring Cloud Gateway builds
 * its routes from, in the order it matches them (decision 0052). The JSON-RPC bridge takes each
 * method's scope and service from here.
 *
 * <p>It is also the start check: Spring Cloud Gateway builds routes later, on a refresh event, and
 * only logs one it cannot build, so a mistyped route would fail at request time. Here an unknown
 * scope, args a {@code Tep} or {@code Developer} filter does not take, both on one route, the old
 * {@code tep}/{@code scope}/{@code developer} metadata, or a malformed {@code service} or
 * {@code restricted} entry stop the start.
 */
@Component
public class RouteTable {

    private static final String TEP = NameUtils.normalizeFilterFactoryName(TepGatewayFilterFactory.class);
    private static final String DEVELOPER = NameUtils.normalizeFilterFactoryName(DeveloperGatewayFilterFactory.class);
    private static final Set<String> RETIRED_METADATA = Set.of("tep", "scope", "developer");

    private final List<GatewayRoute> routes;

    RouteTable(GatewayProperties properties) {
        List<String> problems = new ArrayList<>();
        Checks defaults = checks("default-filters", properties.getDefaultFilters(), problems);
        List<GatewayRoute> read = new ArrayList<>();
        properties.getRoutes().stream().filter(RouteDefinition::isEnabled)
                .sorted(Comparator.comparingInt(RouteDefinition::getOrder))
                .forEach(definition -> read.add(read(definition, defaults, problems)));
        Map<String, URI> services = new HashMap<>();
        for (GatewayRoute route : read) {
            URI known = route.service() == null ? null : services.putIfAbsent(route.service(), route.uri());
            if (known != null && !known.equals(route.uri())) {
                problems.add("route " + route.id() + ": service " + route.service() + " is at " + known
                        + " on another route, not " + route.uri());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The gateway's routes are not valid:\n  " + String.join("\n  ", problems));
        }
        this.routes = List.copyOf(read);
    }

    public List<GatewayRoute> routes() {
        return routes;
    }

    /**
     * The route a request with the caller's TEP would take, first match as in the gateway. A route
     * that also tests something else of the request (the merchant backend's HTTP Basic header) is
     * passed over: such a request carries nothing but its method, path and TEP.
     */
    public Optional<GatewayRoute> serving(HttpMethod method, String path) {
        return routes.stream().filter(route -> route.serves(method, path)).findFirst();
    }

    /** What a list of filters checks: its {@code Tep} (null without one) and whether it has {@code Developer}. */
    private record Checks(TepGatewayFilterFactory.Config tep, boolean developer) {
    }

    private static GatewayRoute read(RouteDefinition definition, Checks defaults, List<String> problems) {
        String id = definition.getId();
        List<PathPattern> paths = new ArrayList<>();
        Set<HttpMethod> methods = new LinkedHashSet<>();
        boolean conditional = false;
        for (PredicateDefinition predicate : definition.getPredicates()) {
            switch (predicate.getName()) {
                case "Path" -> values(predicate.getArgs(), "patterns").forEach(pattern -> {
                    try {
                        paths.add(PathPatternParser.defaultInstance.parse(pattern));
                    } catch (PatternParseException e) {
                        problems.add("route " + id + ": path " + pattern + ": " + e.getMessage());
                    }
                });
                case "Method" -> values(predicate.getArgs(), "methods").forEach(m -> methods.add(HttpMethod.valueOf(m)));
                default -> conditional = true;
            }
        }
        Checks own = checks("route " + id, definition.getFilters(), problems);
        if (own.tep() != null && defaults.tep() != null) {
            problems.add("route " + id + ": more than one " + TEP + " filter, with default-filters");
        }
        TepGatewayFilterFactory.Config tep = own.tep() != null ? own.tep() : defaults.tep();
        boolean developer = own.developer() || defaults.developer();
        if (tep != null && developer) {
            problems.add("route " + id + ": checks a TEP or a developer token, not both");
        }
        Map<String, Object> metadata = definition.getMetadata();
        metadata.keySet().stream().filter(RETIRED_METADATA::contains).forEach(key -> problems.add("route " + id
                + ": metadata '" + key + "' is no longer read; the route takes the filter Tep, Tep=<scope> or Developer"));
        Object service = metadata.get("service");
        if (service != null && !(service instanceof String name && !name.isBlank())) {
            problems.add("route " + id + ": metadata 'service' must name the service, not " + service);
        }
        Object restricted = metadata.get("restricted");
        if (restricted != null && !(restricted instanceof String prefix && prefix.startsWith("/"))) {
            problems.add("route " + id + ": metadata 'restricted' must be a path prefix, not " + restricted);
        }
        return new GatewayRoute(id, definition.getUri(), List.copyOf(paths), Set.copyOf(methods), conditional,
                tep != null, tep == null ? null : tep.scope(), developer, service instanceof String s ? s : null);
    }

    private static Checks checks(String where, List<FilterDefinition> filters, List<String> problems) {
        TepGatewayFilterFactory.Config tep = null;
        boolean developer = false;
        for (FilterDefinition filter : filters) {
            try {
                if (filter.getName().equals(TEP)) {
                    if (tep != null) {
                        problems.add(where + ": more than one " + TEP + " filter");
                    }
                    tep = TepGatewayFilterFactory.Config.of(filter.getArgs());
                } else if (filter.getName().equals(DEVELOPER)) {
                    DeveloperGatewayFilterFactory.Config.of(filter.getArgs());
                    developer = true;
                }
            } catch (IllegalArgumentException e) {
                problems.add(where + ": " + e.getMessage());
            }
        }
        return new Checks(tep, developer);
    }

    /** A predicate's values, from its shortcut form ({@code Path=/a,/b}) or its named args. */
    private static List<String> values(Map<String, String> args, String name) {
        return args.entrySet().stream()
                .filter(arg -> arg.getKey().startsWith(NameUtils.GENERATED_NAME_PREFIX) || arg.getKey().startsWith(name))
                .map(arg -> arg.getValue().trim()).toList();
    }
}
