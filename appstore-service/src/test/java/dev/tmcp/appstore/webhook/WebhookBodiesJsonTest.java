package dev.tmcp.appstore.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The webhook answers as JSON, with the mapper settings of tmcp-defaults.yml (snake_case, nulls left out). */
class WebhookBodiesJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .changeDefaultPropertyInclusion(i -> i.withValueInclusion(Include.NON_NULL).withContentInclusion(Include.NON_NULL))
            .build();

    private static final Instant AT = Instant.parse("2026-01-02T03:04:05.120Z");

    @Test
    void anEndpointIsEnabledWithAUrlAndNoDisablingAndShowsWhenItWasDisabled() {
        assertThat(JSON.writeValueAsString(WebhookController.Webhook.of(
                new WebhookDeliveries.Endpoint("ma_1", "hybrid", "https://h/x", null))))
                .isEqualTo("{\"miniapp_id\":\"ma_1\",\"webhook_url\":\"https://h/x\",\"enabled\":true}");
        assertThat(JSON.writeValueAsString(WebhookController.Webhook.of(
                new WebhookDeliveries.Endpoint("ma_1", "hybrid", "https://h/x", AT))))
                .isEqualTo("{\"miniapp_id\":\"ma_1\",\"webhook_url\":\"https://h/x\",\"enabled\":false,"
                        + "\"disabled_at\":\"2026-01-02T03:04:05.120Z\"}");
    }

    @Test
    void theLogShowsTheNextAttemptOnlyWhilePendingAndEveryAttempt() {
        var pending = new WebhookDeliveries.DeliveryRow("wd_1", "evt_1", "payment.completed", "pending", AT, AT, null);
        var delivered = new WebhookDeliveries.DeliveryRow("wd_2", "evt_2", "app.approved", "delivered", AT, AT, AT);
        var failed = new WebhookDeliveries.AttemptRow("wd_1", 1, AT, null, 5000, "timeout");
        var ok = new WebhookDeliveries.AttemptRow("wd_2", 1, AT, 200, 12, null);
        assertThat(JSON.writeValueAsString(WebhookLog.of("ma_1", List.of(pending, delivered),
                Map.of("wd_1", List.of(failed), "wd_2", List.of(ok)))))
                .isEqualTo("{\"miniapp_id\":\"ma_1\",\"deliveries\":["
                        + "{\"delivery_id\":\"wd_1\",\"event_id\":\"evt_1\",\"event\":\"payment.completed\",\"status\":\"pending\","
                        + "\"created_at\":\"2026-01-02T03:04:05.120Z\",\"next_attempt_at\":\"2026-01-02T03:04:05.120Z\","
                        + "\"attempts\":[{\"attempt\":1,\"attempted_at\":\"2026-01-02T03:04:05.120Z\",\"latency_ms\":5000,"
                        + "\"error\":\"timeout\"}]},"
                        + "{\"delivery_id\":\"wd_2\",\"event_id\":\"evt_2\",\"event\":\"app.approved\",\"status\":\"delivered\","
                        + "\"created_at\":\"2026-01-02T03:04:05.120Z\",\"finished_at\":\"2026-01-02T03:04:05.120Z\","
                        + "\"attempts\":[{\"attempt\":1,\"attempted_at\":\"2026-01-02T03:04:05.120Z\",\"status_code\":200,"
                        + "\"latency_ms\":12}]}]}");
    }
}
