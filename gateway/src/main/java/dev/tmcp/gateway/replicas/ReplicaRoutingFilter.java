package dev.tmcp.gateway.replicas;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

import dev.tmcp.web.client.Replicas;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spreads a route's requests over the replicas of its service ({@code tmcp.gateway.replicas}, one
 * comma-separated list per service, its first URL the route's {@code uri}). A replica that refuses
 * the connection is passed over and the request goes to the next one: nothing was sent, so even a
 * POST is not sent twice. Without lists (one instance, or a Kubernetes Service) it does nothing.
 */
public class ReplicaRoutingFilter implements GlobalFilter, Ordered {

    private final Map<URI, Replicas> byFirst;

    public ReplicaRoutingFilter(List<String> lists) {
        this.byFirst = lists.stream().filter(l -> l != null && !l.isBlank()).map(Replicas::parse)
                .filter(r -> r.size() > 1)
                .collect(Collectors.toUnmodifiableMap(Replicas::first, Function.identity()));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        URI url = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
        Replicas replicas = url == null || url.getScheme() == null ? null : byFirst.get(Replicas.origin(url));
        if (replicas == null) {
            return chain.filter(exchange);
        }
        return routeTo(replicas, url, exchange, chain, replicas.size());
    }

    private Mono<Void> routeTo(Replicas replicas, URI url, ServerWebExchange exchange, GatewayFilterChain chain,
            int triesLeft) {
        URI origin = replicas.pick();
        exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, Replicas.on(url, origin));
        return chain.filter(exchange).onErrorResume(Replicas::isRefusal, e -> {
            replicas.refused(origin);
            if (triesLeft <= 1 || exchange.getResponse().isCommitted()) {
                return Mono.error(e);
            }
            ServerWebExchangeUtils.reset(exchange);
            return routeTo(replicas, url, exchange, chain, triesLeft - 1);
        });
    }

    /** Right after the route's URL is known, before the request is sent. */
    @Override
    public int getOrder() {
        return RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;
    }
}
