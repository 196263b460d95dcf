package dev.tmcp.web.tracing;

import dev.tmcp.web.request.RequestIdWebFilter;
import dev.tmcp.web.request.RequestIds;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import reactor.core.publisher.Mono;

/**
 * What a request leaves on work that outlives it (an outbox row, a room queue row, a Kafka record):
 * its W3C traceparent and its {@code X-Request-Id}. Whoever picks the work up continues the trace
 * and logs under the same request id, so one id names the request across Kafka too (decision 0046).
 * Either part may be null: the traceparent exists only with the javaagent, the request id only for
 * work that began with a request.
 */
public record TraceContext(String traceparent, String requestId) {

    public static final TraceContext NONE = new TraceContext(null, null);

    public TraceContext {
        if (requestId != null && !RequestIds.wellFormed(requestId)) {
            requestId = null;
        }
    }

    /** The trace and request id of the work being done now: the request's, or the consumed record's. */
    public static Mono<TraceContext> current() {
        return Mono.deferContextual(ctx -> Mono.just(new TraceContext(Traceparent.current().orElse(null),
                ctx.<String>getOrEmpty(RequestIdWebFilter.CONTEXT_KEY).orElseGet(TraceContext::baggageRequestId))));
    }

    /** A consumed record's: the consumer span and baggage where the javaagent made them, else its headers. */
    public static TraceContext of(Headers headers) {
        String baggage = baggageRequestId();
        return new TraceContext(Traceparent.current().orElseGet(() -> header(headers, Traceparent.HEADER)),
                baggage != null ? baggage : header(headers, RequestIds.HEADER));
    }

    /** Puts both on a record about to be sent; the agent's producer span replaces the traceparent with its own. */
    public void addTo(Headers headers) {
        if (traceparent != null) {
            headers.add(Traceparent.HEADER, traceparent.getBytes(StandardCharsets.US_ASCII));
        }
        if (requestId != null) {
            headers.add(RequestIds.HEADER, requestId.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** The OpenTelemetry context continuing the trace, with the request id as {@code request_id} baggage. */
    public Context otel() {
        Context parent = Traceparent.parent(traceparent);
        return requestId == null ? parent
                : parent.with(Baggage.builder().put(RequestIdWebFilter.CONTEXT_KEY, requestId).build());
    }

    /** Runs a synchronous call (a Kafka send, say) inside this context. */
    public <T> T within(Supplier<T> call) {
        try (Scope ignored = otel().makeCurrent()) {
            return call.get();
        }
    }

    /** Wraps asynchronous work in a span continuing this context, ended when the work ends. */
    public <T> Mono<T> span(String name, SpanKind kind, Supplier<Mono<T>> work) {
        return Traceparent.span(otel(), name, kind, work);
    }

    private static String baggageRequestId() {
        return Baggage.current().getEntryValue(RequestIdWebFilter.CONTEXT_KEY);
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.US_ASCII);
    }
}
