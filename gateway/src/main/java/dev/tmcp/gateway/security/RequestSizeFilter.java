package dev.tmcp.gateway.security;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.web.error.ErrorBodies;
import dev.tmcp.web.request.RequestIds;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses request bodies over the configured size with 413 {@code PAYLOAD_TOO_LARGE}: at once when
 * {@code Content-Length} says so, and while streaming when a chunked body grows past it.
 */
@Component
class RequestSizeFilter implements WebFilter, Ordered {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final long max;

    RequestSizeFilter(EdgeProperties properties) {
        this.max = properties.maxRequestSize().toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > max) {
            return refuse(exchange);
        }
        if (declared >= 0) {
            return chain.filter(exchange);
        }
        ServerHttpRequestDecorator bounded = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                long[] seen = {0};
                return super.getBody().handle((buffer, sink) -> {
                    seen[0] += buffer.readableByteCount();
                    if (seen[0] > max) {
                        org.springframework.core.io.buffer.DataBufferUtils.release(buffer);
                        sink.error(new org.springframework.web.server.ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE));
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(bounded).build());
    }

    private Mono<Void> refuse(ServerWebExchange exchange) {
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.PAYLOAD_TOO_LARGE);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        // The unread body is not wanted: close rather than leave the client writing into a dead request.
        response.getHeaders().setConnection("close");
        byte[] body = JSON.writeValueAsBytes(ErrorBodies.of(ErrorCode.PAYLOAD_TOO_LARGE,
                "Request body is larger than " + max + " bytes", Map.of("max_bytes", max), RequestIds.of(exchange)));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 3;
    }
}
