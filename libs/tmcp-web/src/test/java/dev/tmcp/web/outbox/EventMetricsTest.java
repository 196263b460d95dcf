package dev.tmcp.web.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.core.event.EventCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventMetricsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final EventMetrics metrics = new EventMetrics(meters);

    @Test
    void aCompletedPaymentCountsItsOutcomeAndItsAmountInMinorUnits() {
        metrics.published(event("payment.completed", Map.of("amount", new BigDecimal("12.50"), "currency", "USD")));
        metrics.published(event("payment.completed", Map.of("amount", new BigDecimal("0.75"), "currency", "USD")));

        assertThat(meters.counter("tmcp.events.published", "type", "payment.completed", "status", "").count()).isEqualTo(2);
        assertThat(meters.counter("tmcp.money.moved", "type", "payment.completed", "currency", "USD").count())
                .isEqualTo(1325);
    }

    @Test
    void aFailedPaymentMovesNoMoney() {
        metrics.published(event("payment.failed", Map.of("amount", new BigDecimal("5.00"), "currency", "USD")));

        assertThat(meters.counter("tmcp.events.published", "type", "payment.failed", "status", "").count()).isEqualTo(1);
        assertThat(meters.find("tmcp.money.moved").counters()).isEmpty();
    }

    @Test
    void anUnreadablePayloadIsCountedAsSuch() {
        metrics.published("{not json");

        assertThat(meters.counter("tmcp.events.published", "type", "unreadable", "status", "").count()).isEqualTo(1);
    }

    @Test
    void aP2pCardIsCountedByItsStatus() {
        metrics.published(event("p2p.completed", Map.of("amount", new BigDecimal("1.00"), "currency", "USD",
                "status", "pending_recipient_acceptance")));

        assertThat(meters.counter("tmcp.events.published", "type", "p2p.completed", "status",
                "pending_recipient_acceptance").count()).isEqualTo(1);
    }

    private static String event(String type, Map<String, Object> data) {
        return EventCodec.write(EventCodec.envelope(type, "test", "subject-1", data));
    }
}
