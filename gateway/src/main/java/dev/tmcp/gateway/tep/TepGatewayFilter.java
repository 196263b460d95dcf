package dev.tmcp.gateway.tep;

import dev.tmcp.web.request.RequestIds;
import dev.tmcp.web.tep.TepPrincipal;
import dev.tmcp.web.tep.TepVerifier;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * On routes marked {@code tep: true}: verifies the TEP (signature, issuer, expiry, type), checks
 * the route's {@code scope}, and forwards the request id. The token itself goes on unchanged:
 * each service verifies it again.
 */
@Component
public class TepGatewayFilter implements GlobalFilter, Ordered {

    /** Exchange attribute holding the verified {@link TepPrincipal} (read by the rate limiter). */
    public static final String PRINCIPAL = "tmcp.tep_principal";
    /** Exchange attribute holding the verified developer (routes marked {@code developer: true}). */
    public static final String DEVELOPER = "tmcp.developer_principal";

    private final TepVerifier verifier;

    TepGatewayFilter(TepVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String requestId = RequestIds.of(exchange);
        ServerWebExchange forwarded = exchange.mutate()
                .request(r -> r.headers(h -> h.set(RequestIds.HEADER, requestId)))
                .build();
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route != null && Boolean.parseBoolean(String.valueOf(route.getMetadata().get("developer")))) {
            if (platformCredentials(exchange)) {
                // The platform's own client (spec 4.4.9, official registration): its HTTP Basic
                // credentials are checked by the service, which holds their hash.
                return chain.filter(forwarded);
            }
            // Developer-token routes (spec 4.4): verified here so that rate rows count per developer.
            return Mono.defer(() -> verifier.verifyDeveloper(
                            exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION)))
                    .flatMap(developer -> {
                        forwarded.getAttributes().put(DEVELOPER, developer);
                        return chain.filter(forwarded);
                    });
        }
        if (route == null || !Boolean.parseBoolean(String.valueOf(route.getMetadata().get("tep")))) {
            return chain.filter(forwarded);
        }
        Object scope = route.getMetadata().get("scope");
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        return Mono.defer(() -> verifier.verifyTep(authorization))
                .flatMap(principal -> {
                    if (scope != null) {
                        principal.requireScope(scope.toString());
                    }
                    forwarded.getAttributes().put(PRINCIPAL, principal);
                    return chain.filter(forwarded);
                });
    }

    private static boolean platformCredentials(ServerWebExchange exchange) {
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    }

    @Override
    public int getOrder() {
        // After route matching has set the route attribute, before the rate limiter and routing.
        return -100;
    }
}
