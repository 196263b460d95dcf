package dev.tmcp.web.request;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Logs every failed (4xx/5xx) or slow request as one structured line with {@code request_id} and
 * {@code trace_id} (written by the OpenTelemetry javaagent; absent without it), so a client's error body
 * leads straight to the log and its trace. Successful fast requests
 * are not logged: at thousands per second they would drown the rest. Query strings are never
 * logged (they can carry tokens).
 */
public class RequestLogWebFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger("tmcp.request");
    private static final long SLOW_MILLIS = 1_000;

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long start = System.nanoTime();
        // Taken here, where the agent has made the server span current: the line is logged in it,
        // so the agent writes its trace_id, whichever thread the request ends on.
        Context request = Context.current();
        return chain.filter(exchange).doFinally(signal -> {
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            long millis = (System.nanoTime() - start) / 1_000_000;
            int code = status == null ? 0 : status.value();
            if (code >= 400 || millis >= SLOW_MILLIS) {
                try (Scope ignored = request.makeCurrent()) {
                    (code >= 500 ? log.atWarn() : log.atInfo())
                            .addKeyValue("request_id", RequestIds.of(exchange))
                            .addKeyValue("method", exchange.getRequest().getMethod().name())
                            .addKeyValue("path", exchange.getRequest().getPath().value())
                            .addKeyValue("status", code)
                            .addKeyValue("duration_ms", millis)
                            .log(code >= 400 ? "request failed" : "slow request");
                }
            }
        });
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
