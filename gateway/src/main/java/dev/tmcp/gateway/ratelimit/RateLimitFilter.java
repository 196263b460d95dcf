package dev.tmcp.gateway.ratelimit;

import dev.tmcp.gateway.tep.TepGatewayFilterFactory;
import dev.tmcp.web.ratelimit.RateLimiter;
import dev.tmcp.web.ratelimit.Refusal;
import dev.tmcp.web.request.RequestIds;
import dev.tmcp.web.tep.TepPrincipal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Applies {@link RateLimits} to every routed request, after the TEP check has named the user. */
@Component
class RateLimitFilter implements GlobalFilter, Ordered {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RateLimits limits;

    RateLimitFilter(RateLimits limits) {
        this.limits = limits;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (!limits.enabled()) {
            return chain.filter(exchange);
        }
        TepPrincipal caller = exchange.getAttribute(TepGatewayFilterFactory.PRINCIPAL);
        return limits.charge(exchange, caller, exchange.getRequest().getMethod().name(),
                        exchange.getRequest().getPath().pathWithinApplication().value())
                .flatMap(decision -> {
                    exchange.getResponse().getHeaders().setAll(decision.headers());
                    return decision.allowed() ? chain.filter(exchange) : refuse(exchange, decision);
                });
    }

    static Mono<Void> refuse(ServerWebExchange exchange, RateLimiter.Decision decision) {
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(decision.status()));
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        Refusal error = decision.error().answered(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                RequestIds.of(exchange));
        byte[] body = JSON.writeValueAsBytes(new Refusal.Body(error));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    @Override
    public int getOrder() {
        // After the TEP filter (-100) has named the user, before routing.
        return -90;
    }
}
