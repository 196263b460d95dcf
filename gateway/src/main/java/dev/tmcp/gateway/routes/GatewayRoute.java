package dev.tmcp.gateway.routes;

import java.net.URI;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;

/**
 * One route of {@code application.yml} as the gateway's own code reads it: its {@code Path} and
 * {@code Method} predicates, whether it tests anything else ({@code conditional}: a header, say),
 * its {@code Tep} check and scope (null where only the service checks one), whether it verifies a
 * developer token, and the {@code service} that owns its {@code uri} (null where none does).
 */
public record GatewayRoute(String id, URI uri, List<PathPattern> paths, Set<HttpMethod> methods, boolean conditional,
        boolean tep, String scope, boolean developer, String service) {

    /** Whether a request with this method and path, and nothing else a predicate could test, takes this route. */
    public boolean serves(HttpMethod method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        return !conditional && (methods.isEmpty() || methods.contains(method))
                && (paths.isEmpty() || paths.stream().anyMatch(p -> p.matches(container)));
    }
}
