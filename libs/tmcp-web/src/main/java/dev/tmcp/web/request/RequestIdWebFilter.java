package dev.tmcp.web.request;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request an id, echoes it in the response and carries it in the Reactor context, from
 * where {@link RequestIdForwarding} sends it on the service's own calls to other services.
 */
public class RequestIdWebFilter implements WebFilter, Ordered {

    public static final String CONTEXT_KEY = "request_id";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String requestId = RequestIds.of(exchange);
        exchange.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
        return chain.filter(exchange)
                .contextWrite(ctx -> ctx.put(CONTEXT_KEY, requestId));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
