package dev.tmcp.appstore.webhook;

import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.EventEnvelope;
import dev.tmcp.core.event.Topics;
import dev.tmcp.web.outbox.EventConsumers;
import dev.tmcp.web.outbox.ProcessedEvents;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Queues a webhook for each suite event a mini-app's backend is told about (spec 9.1.2), in the
 * transaction that marks the event processed: a crash before the commit leaves the record to be
 * consumed again, after it the dispatcher has it. The source event's id is the webhook's
 * {@code event_id}, so a receiver sees one id however often it is delivered.
 */
@Component
class WebhookListener {

    static final String CONSUMER = "appstore-service.webhooks";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebhookDeliveries deliveries;
    private final EventConsumers consumers;
    private final ProcessedEvents processed;
    private final TransactionalOperator tx;

    WebhookListener(WebhookDeliveries deliveries, EventConsumers consumers, ProcessedEvents processed,
            TransactionalOperator tx) {
        this.deliveries = deliveries;
        this.consumers = consumers;
        this.processed = processed;
        this.tx = tx;
    }

    @KafkaListener(topics = {Topics.PAYMENT, Topics.AUTH, Topics.WALLET}, groupId = "${tmcp.appstore.webhooks.consumer-group:appstore-service-webhooks}")
    Mono<Void> onEvent(ConsumerRecord<String, String> record) {
        EventEnvelope event;
        Optional<WebhookEvents.Outgoing> outgoing;
        try {
            event = EventCodec.read(record.value());
            outgoing = WebhookEvents.of(event);
        } catch (RuntimeException unreadable) {
            // Not ours to judge: the topic's own consumers park unreadable records.
            return Mono.empty();
        }
        if (outgoing.isEmpty() || outgoing.get().miniappId() == null) {
            return Mono.empty();
        }
        String body = body(event.id(), event.time().toString(), outgoing.get());
        return consumers.guarded(CONSUMER, record, event.id(), tx.transactional(Mono.defer(() -> processed.claim(CONSUMER, event.id())
                .flatMap(first -> first
                        ? deliveries.enqueue(event.id(), outgoing.get().miniappId(), outgoing.get().event(), body,
                                outgoing.get().targetUrl()).then()
                        : Mono.<Void>empty()))));
    }

    /** The body of spec 9.1.2: {@code event}, {@code event_id}, {@code timestamp}, {@code data}. */
    static String body(String eventId, String timestamp, WebhookEvents.Outgoing outgoing) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", outgoing.event());
        body.put("event_id", eventId);
        body.put("timestamp", timestamp);
        body.put("data", outgoing.data());
        return JSON.writeValueAsString(body);
    }
}
