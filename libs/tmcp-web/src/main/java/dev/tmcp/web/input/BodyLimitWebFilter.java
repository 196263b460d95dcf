package dev.tmcp.web.input;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.web.error.ErrorBodies;
import dev.tmcp.web.request.RequestIds;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses a request body over the codec limit ({@code spring.http.codecs.max-in-memory-size}) with
 * 413 {@code PAYLOAD_TOO_LARGE} before a reader sees it: at once when {@code Content-Length} says
 * so, and while streaming otherwise. Left to Spring's readers, the buffer that crosses the limit is
 * released twice; Reactor Netty then drops the connection, often before the 413 is written, and the
 * gateway answers 502 for a client's mistake.
 */
public class BodyLimitWebFilter implements WebFilter, Ordered {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final long max;
    private final boolean closeOnRefusal;

    /** A service behind the gateway: the unread body of a refused request is drained, the connection kept. */
    public BodyLimitWebFilter(long max) {
        this(max, false);
    }

    /**
     * @param closeOnRefusal answer a declared over-size body with {@code Connection: close} instead of
     *     draining it (the gateway: the public edge does not read an unbounded body to its end)
     */
    public BodyLimitWebFilter(long max, boolean closeOnRefusal) {
        this.max = max;
        this.closeOnRefusal = closeOnRefusal;
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
                        DataBufferUtils.release(buffer);
                        sink.error(new DataBufferLimitException("Request body is larger than " + max + " bytes"));
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
        if (closeOnRefusal) {
            response.getHeaders().setConnection("close");
        }
        // Otherwise no "Connection: close": closing while the client still sends can reset the
        // connection and destroy the 413 before the client reads it; Netty drains the unread body.
        byte[] body = JSON.writeValueAsBytes(ErrorBodies.of(ErrorCode.PAYLOAD_TOO_LARGE,
                "Request body is larger than " + max + " bytes", Map.of("max_bytes", max), RequestIds.of(exchange)));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 3;
    }
}
