package dev.tmcp.bridge.outgoing;

import dev.tmcp.bridge.BridgeTopics;
import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.matrix.RoomEventDelivered;
import dev.tmcp.web.outbox.OutboxWriter;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Marks a row delivered and, in the same transaction, announces its Matrix event id on
 * {@code tmcp.matrix.inbound} ({@link RoomEventDelivered}), so the service whose event it was can
 * link to the card in the chat (decision 0029). State events are not announced.
 */
@Component
class DeliveryRecord {

    private final RoomOutbox rows;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final BridgeTopics topics;

    DeliveryRecord(RoomOutbox rows, OutboxWriter outbox, TransactionalOperator tx, BridgeTopics topics) {
        this.rows = rows;
        this.outbox = outbox;
        this.tx = tx;
        this.topics = topics;
    }

    Mono<Void> delivered(QueuedEvent queued, String matrixRoomId, String matrixEventId) {
        Mono<Void> marked = rows.delivered(queued.seq(), matrixRoomId, matrixEventId);
        if (queued.event().isState()) {
            return marked;
        }
        RoomEventDelivered data = new RoomEventDelivered(queued.sourceEventId(), matrixRoomId, matrixEventId,
                queued.event().type(), Instant.now().toString());
        return tx.transactional(marked.then(outbox.append(topics.inbound(),
                EventCodec.envelope(RoomEventDelivered.TYPE, "matrix-bridge", queued.sourceEventId(), data)))).then();
    }
}
