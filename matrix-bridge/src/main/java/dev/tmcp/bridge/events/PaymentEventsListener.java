package dev.tmcp.bridge.events;

import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.EventEnvelope;
import dev.tmcp.core.event.Topics;
import dev.tmcp.core.event.p2p.P2pTransferCompleted;
import dev.tmcp.web.outbox.ConsumerRetry;
import dev.tmcp.web.outbox.ProcessedEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Consumes {@code tmcp.p2p}. A failure (homeserver down, bot not yet admitted) is retried with
 * backoff until the card is in the room; only then is the offset committed.
 */
@Component
class PaymentEventsListener {

    private static final String CONSUMER = "matrix-bridge.p2p-cards";

    private final P2pCardPublisher cards;
    private final ProcessedEvents processed;

    PaymentEventsListener(P2pCardPublisher cards, ProcessedEvents processed) {
        this.cards = cards;
        this.processed = processed;
    }

    @KafkaListener(topics = Topics.P2P, groupId = "matrix-bridge")
    Mono<Void> onEvent(ConsumerRecord<String, String> record) {
        EventEnvelope event = EventCodec.read(record.value());
        if (!P2pTransferCompleted.TYPE.equals(event.type())) {
            return Mono.empty();
        }
        return ConsumerRetry.untilDone(CONSUMER, event.id(),
                cards.publish(event, EventCodec.data(event, P2pTransferCompleted.class))
                        .then(processed.claim(CONSUMER, event.id()))
                        .then());
    }
}
