package dev.tmcp.web.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.web.request.RequestIdWebFilter;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class TraceContextTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void workLeftByARequestKeepsTheRequestsId() {
        TraceContext trace = TraceContext.current()
                .contextWrite(ctx -> ctx.put(RequestIdWebFilter.CONTEXT_KEY, "req_abc"))
                .block();

        assertThat(trace.requestId()).isEqualTo("req_abc");
    }

    @Test
    void aRecordCarriesTheRequestIdAndTraceparentToItsConsumer() {
        RecordHeaders headers = new RecordHeaders();
        new TraceContext(TRACEPARENT, "req_abc").addTo(headers);

        assertThat(TraceContext.of(headers)).isEqualTo(new TraceContext(TRACEPARENT, "req_abc"));
    }

    @Test
    void workContinuingTheContextRunsUnderTheRequestIdAndTrace() {
        TraceContext trace = new TraceContext(TRACEPARENT, "req_abc");

        assertThat(trace.within(() -> Baggage.current().getEntryValue(RequestIdWebFilter.CONTEXT_KEY)))
                .isEqualTo("req_abc");
        assertThat(trace.within(() -> Span.current().getSpanContext().getTraceId()))
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void aMalformedRequestIdFromARecordIsDropped() {
        assertThat(new TraceContext(null, "req abc\n").requestId()).isNull();
    }
}
