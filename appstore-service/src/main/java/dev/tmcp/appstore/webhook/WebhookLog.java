package dev.tmcp.appstore.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A developer's delivery log: each recent delivery with every attempt made. */
record WebhookLog(String miniappId, List<Delivery> deliveries) {

    static WebhookLog of(String miniappId, List<WebhookDeliveries.DeliveryRow> rows,
            Map<String, List<WebhookDeliveries.AttemptRow>> attempts) {
        return new WebhookLog(miniappId, rows.stream()
                .map(row -> Delivery.of(row, attempts.getOrDefault(row.deliveryId(), List.of())))
                .toList());
    }

    /** {@code next_attempt_at} only while pending, {@code finished_at} only once finished. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Delivery(String deliveryId, String eventId, String event, String status, Instant createdAt,
            Instant nextAttemptAt, Instant finishedAt, List<Attempt> attempts) {

        static Delivery of(WebhookDeliveries.DeliveryRow row, List<WebhookDeliveries.AttemptRow> attempts) {
            return new Delivery(row.deliveryId(), row.eventId(), row.eventType(), row.status(), row.createdAt(),
                    "pending".equals(row.status()) ? row.nextAttemptAt() : null, row.finishedAt(),
                    attempts.stream().map(Attempt::of).toList());
        }
    }

    /** {@code status_code} is absent when no answer came, {@code error} when the attempt succeeded. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Attempt(int attempt, Instant attemptedAt, Integer statusCode, int latencyMs, String error) {

        static Attempt of(WebhookDeliveries.AttemptRow row) {
            return new Attempt(row.attempt(), row.attemptedAt(), row.statusCode(), row.latencyMs(), row.error());
        }
    }
}
