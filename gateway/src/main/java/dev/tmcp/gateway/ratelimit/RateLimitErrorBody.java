package dev.tmcp.gateway.ratelimit;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.web.error.ErrorBodies;
import dev.tmcp.web.request.RequestIds;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring Cloud Gateway's rate limiter answers 429 with an empty body. This gives that answer the
 * error body of spec 12.1 ({@code RATE_LIMIT_EXCEEDED}, with the request id) and a
 * {@code Retry-After}, like every other error of the suite.
 */
@Component
class RateLimitErrorBody implements WebFilter, Ordered {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String requestId = RequestIds.of(exchange);
        ServerHttpResponse response = exchange.getResponse();
        ServerHttpResponseDecorator decorated = new ServerHttpResponseDecorator(response) {
            @Override
            public Mono<Void> setComplete() {
                if (!HttpStatus.TOO_MANY_REQUESTS.equals(getStatusCode())) {
                    return super.setComplete();
                }
                getHeaders().setContentType(MediaType.APPLICATION_JSON);
                getHeaders().set("Retry-After", "1");
                byte[] body = JSON.writeValueAsBytes(ErrorBodies.of(ErrorCode.RATE_LIMIT_EXCEEDED,
                        "Too many requests: slow down", Map.of("retry_after", 1), requestId));
                return writeWith(Mono.just(bufferFactory().wrap(body)));
            }
        };
        return chain.filter(exchange.mutate().response(decorated).build());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }
}
