package dev.tmcp.gateway.routes;

import dev.tmcp.gateway.tep.TepGatewayFilterFactory;
import dev.tmcp.web.request.RequestIds;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Every route forwards the request id, so the service logs the id the gateway answers with. */
@Component
class RequestIdFilter implements GlobalFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String requestId = RequestIds.of(exchange);
        return chain.filter(exchange.mutate()
                .request(r -> r.headers(h -> h.set(RequestIds.HEADER, requestId)))
                .build());
    }

    @Override
    public int getOrder() {
        // Where the TEP check has always set it; at the same order a global filter runs before a route's.
        return TepGatewayFilterFactory.ORDER;
    }
}
