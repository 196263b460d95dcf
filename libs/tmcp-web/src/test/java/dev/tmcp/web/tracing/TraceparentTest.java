package dev.tmcp.web.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import org.junit.jupiter.api.Test;

class TraceparentTest {

    private static final String STORED = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aStoredTraceparentIsTheParentOfTheWorkThatContinuesIt() {
        SpanContext parent = Span.fromContext(Traceparent.parent(STORED)).getSpanContext();

        assertThat(parent.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(parent.getSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(parent.isSampled()).isTrue();
        assertThat(parent.isRemote()).isTrue();
    }

    @Test
    void theParentIsWrittenBackAsTheSameTraceparent() {
        assertThat(Traceparent.format(Span.fromContext(Traceparent.parent(STORED)).getSpanContext())).contains(STORED);
    }

    @Test
    void aMissingOrMalformedTraceparentStartsNoTrace() {
        assertThat(Traceparent.parent(null)).isSameAs(Context.root());
        assertThat(Traceparent.parent("00-xyz-00f067aa0ba902b7-01")).isSameAs(Context.root());
        assertThat(Traceparent.parent("00-00000000000000000000000000000000-00f067aa0ba902b7-01")).isSameAs(Context.root());
    }

    @Test
    void withoutTheAgentThereIsNoCurrentTraceparent() {
        assertThat(Traceparent.current()).isEmpty();
    }
}
