package dev.tmcp.bridge.events;

import dev.tmcp.core.event.Topics;
import dev.tmcp.core.event.p2p.P2pTransferCompleted;
import dev.tmcp.web.outbox.EventConsumers;
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
    private final EventConsumers consumers;

    PaymentEventsListener(P2pCardPublisher cards, EventConsumers consumers) {
        this.cards = cards;
        this.consumers = consumers;
    }

    @KafkaListener(topics = Topics.P2P, groupId = "matrix-bridge")
    Mono<Void> onEvent(ConsumerRecord<String, String> record) {
        return consumers.apply(CONSUMER, record, P2pTransferCompleted.TYPE, P2pTransferCompleted.class, cards::publish);
    }
}
