package dev.tmcp.appstore.webhook;

import dev.tmcp.core.id.Ids;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The app's own lifecycle as webhooks to its backend (decision 0050): {@code app.review_started},
 * {@code app.approved}, {@code app.rejected}, {@code app.suspended}, {@code app.reinstated},
 * {@code app.version_published}. Queued in the caller's transaction, so the webhook exists exactly
 * when the change committed, and delivered like every other webhook.
 */
@Component
public class AppLifecycleWebhooks {

    private final WebhookDeliveries deliveries;

    AppLifecycleWebhooks(WebhookDeliveries deliveries) {
        this.deliveries = deliveries;
    }

    public Mono<Void> queue(String miniappId, String event, Map<String, Object> data) {
        String eventId = Ids.next("evt_");
        String body = WebhookListener.body(eventId, Instant.now().toString(), new WebhookEvents.Outgoing(miniappId, event, data));
        return deliveries.enqueue(eventId, miniappId, event, body).then();
    }
}
