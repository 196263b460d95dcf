package dev.tmcp.web.request;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.reactor.v3_1.ContextPropagationOperator;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request an id, echoes it in the response and carries it in the Reactor context, from
 * where {@link RequestIdForwarding} sends it on the service's own calls to other services. With the
 * OpenTelemetry javaagent it is also the request's {@code request_id} baggage: the agent writes it
 * into every log line of the request ({@code baggage.request_id}) and carries it on every hop,
 * Kafka records included (decision 0046).
 */
public class RequestIdWebFilter implements WebFilter, Ordered {

    public static final String CONTEXT_KEY = "request_id";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String requestId = RequestIds.of(exchange);
        exchange.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
        return chain.filter(exchange)
                .contextWrite(ctx -> withBaggage(ctx, requestId))
                .contextWrite(ctx -> ctx.put(CONTEXT_KEY, requestId));
    }

    private static reactor.util.context.Context withBaggage(reactor.util.context.Context ctx, String requestId) {
        Context request = ContextPropagationOperator.getOpenTelemetryContext(ctx, Context.current());
        Baggage baggage = Baggage.fromContext(request).toBuilder().put(CONTEXT_KEY, requestId).build();
        return ContextPropagationOperator.storeOpenTelemetryContext(ctx, request.with(baggage));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
