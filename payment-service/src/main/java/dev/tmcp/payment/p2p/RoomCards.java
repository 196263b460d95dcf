package dev.tmcp.payment.p2p;

import dev.tmcp.core.event.matrix.RoomEventDelivered;
import dev.tmcp.web.outbox.EventConsumers;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The Matrix event ids of P2P cards: matrix-bridge reports each delivered room event; the ones
 * that are a transfer's card (its {@code event_id}) are kept, for the status (decision 0029).
 */
@Component
class RoomCards {

    static final String CONSUMER = "payment-service.room-cards";

    private final DatabaseClient db;
    private final EventConsumers consumers;

    RoomCards(DatabaseClient db, EventConsumers consumers) {
        this.db = db;
        this.consumers = consumers;
    }

    @KafkaListener(topics = "${tmcp.payment.room-cards.topic:tmcp.matrix.inbound}",
            groupId = "${tmcp.payment.room-cards.group-id:payment-service}")
    Mono<Void> onEvent(ConsumerRecord<String, String> record) {
        return consumers.apply(CONSUMER, record, RoomEventDelivered.TYPE, RoomEventDelivered.class,
                (event, delivered) -> db.sql("insert into room_card (event_id, matrix_event_id, matrix_room_id) "
                                + "select :source, :matrixEvent, :room where exists "
                                + "(select 1 from p2p_transfer where event_id = :source) on conflict do nothing")
                        .bind("source", delivered.sourceEventId())
                        .bind("matrixEvent", delivered.matrixEventId())
                        .bind("room", delivered.roomId())
                        .fetch().rowsUpdated().then());
    }

    /** Empty until the card is delivered. */
    Mono<String> matrixEventId(String eventId) {
        if (eventId == null) {
            return Mono.empty();
        }
        return db.sql("select matrix_event_id from room_card where event_id = :id").bind("id", eventId)
                .map(r -> r.get("matrix_event_id", String.class)).one();
    }
}
