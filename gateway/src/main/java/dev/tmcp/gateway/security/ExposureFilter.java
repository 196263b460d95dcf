package dev.tmcp.gateway.security;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Routes marked {@code restricted: <prefix>} (the platform's {@code /admin/**}, the homeserver's
 * {@code /_matrix/app/**}) answer 404, as if they did not exist, unless the operator lists the
 * prefix in {@code tmcp.gateway.edge.exposed-prefixes} (decision 0028). Judged by the matched
 * route, not the raw path, so no spelling of the path gets around it.
 */
@Component
class ExposureFilter implements GlobalFilter, Ordered {

    private final EdgeProperties properties;

    ExposureFilter(EdgeProperties properties) {
        this.properties = properties;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        Object restricted = route == null ? null : route.getMetadata().get("restricted");
        if (restricted != null && !properties.exposedPrefixes().contains(restricted.toString())) {
            return Mono.error(new TmcpException(ErrorCode.NOT_FOUND, "No such endpoint or resource"));
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        // Before the TEP check (-100) and the rate limits, so a hidden route costs nothing.
        return -120;
    }
}
