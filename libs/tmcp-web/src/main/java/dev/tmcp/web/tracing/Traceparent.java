package dev.tmcp.web.tracing;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;

/**
 * A W3C {@code traceparent} kept with work that leaves the request: an outbox row, a room queue
 * row. Whoever picks the row up later continues the request's trace from it, so one trace spans
 * the request, the Kafka record and what consumers do with it. Spans come from the OpenTelemetry
 * javaagent when it is attached; without it every span is a no-op and no traceparent is kept.
 */
public final class Traceparent {

    public static final String HEADER = "traceparent";
    private static final Pattern FORMAT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

    private Traceparent() {
    }

    /** The current span as a traceparent, when there is a sampled or unsampled valid span. */
    public static Optional<String> current() {
        return format(Span.current().getSpanContext());
    }

    static Optional<String> format(SpanContext span) {
        if (!span.isValid()) {
            return Optional.empty();
        }
        return Optional.of("00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex());
    }

    /** The context a traceparent names, or the root context when it is absent or malformed. */
    public static Context parent(String traceparent) {
        if (traceparent == null) {
            return Context.root();
        }
        Matcher m = FORMAT.matcher(traceparent);
        if (!m.matches()) {
            return Context.root();
        }
        SpanContext remote = SpanContext.createFromRemoteParent(m.group(1), m.group(2),
                TraceFlags.fromHex(m.group(3), 0), TraceState.getDefault());
        return remote.isValid() ? Context.root().with(Span.wrap(remote)) : Context.root();
    }

    /** Wraps asynchronous work in a span that is a child of the given context, ended when the work ends. */
    static <T> Mono<T> span(Context parent, String name, SpanKind kind, Supplier<Mono<T>> work) {
        return Mono.defer(() -> {
            Span span = GlobalOpenTelemetry.getTracer("dev.tmcp").spanBuilder(name)
                    .setParent(parent).setSpanKind(kind).startSpan();
            Mono<T> mono;
            try (Scope ignored = parent.with(span).makeCurrent()) {
                mono = work.get();
            }
            return mono.doOnError(e -> span.setStatus(StatusCode.ERROR, e.toString()))
                    .doFinally(signal -> span.end());
        });
    }
}
