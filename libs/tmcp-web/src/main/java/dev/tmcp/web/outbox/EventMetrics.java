package dev.tmcp.web.outbox;

import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.EventEnvelope;
import dev.tmcp.core.money.Money;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Business metrics read from the events a service publishes, so every outcome is counted once,
 * after its transaction committed: {@code tmcp.events.published{type, status}} (payments, P2P,
 * gifts, apps by outcome; {@code status} is the event's own status field, e.g. a P2P card's
 * {@code completed} or {@code pending_recipient_acceptance}, else empty) and
 * {@code tmcp.money.moved{type, currency}} in minor units: the amount each money event carries (for
 * a P2P card, what the sender sent, including money held for the recipient's acceptance).
 */
class EventMetrics {

    static final Set<String> MONEY_MOVED = Set.of("payment.completed", "payment.refunded", "p2p.completed", "gift.opened");

    private static final int MAX_STATUS_LENGTH = 40;

    private final MeterRegistry meters;

    EventMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void published(String payload) {
        EventEnvelope event;
        try {
            event = EventCodec.read(payload);
        } catch (RuntimeException unreadable) {
            meters.counter("tmcp.events.published", "type", "unreadable", "status", "").increment();
            return;
        }
        meters.counter("tmcp.events.published", "type", event.type(), "status", status(event.data())).increment();
        if (MONEY_MOVED.contains(event.type())) {
            moved(event.type(), event.data());
        }
    }

    private static String status(JsonNode data) {
        JsonNode status = data.get("status");
        return status != null && status.isString() && status.asString().length() <= MAX_STATUS_LENGTH
                ? status.asString() : "";
    }

    private void moved(String type, JsonNode data) {
        JsonNode amount = data.get("amount");
        JsonNode currency = data.get("currency");
        if (amount == null || currency == null || !amount.isNumber() && !amount.isString()) {
            return;
        }
        try {
            Money money = Money.parse(new BigDecimal(amount.asString()), currency.asString());
            meters.counter("tmcp.money.moved", "type", type, "currency", money.currencyCode())
                    .increment(money.minorUnits());
        } catch (RuntimeException notMoney) {
            // An amount the event could not carry as money is counted by type only.
        }
    }
}
