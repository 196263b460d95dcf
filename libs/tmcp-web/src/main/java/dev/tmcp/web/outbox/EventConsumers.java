package dev.tmcp.web.outbox;

import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.EventEnvelope;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The shape every consumer of suite events has: read the envelope, skip other types, and in one
 * database transaction claim the event id ({@link ProcessedEvents}) and apply the effect, so the
 * record of having handled the event commits or rolls back with the effect. Retried with
 * {@link ConsumerRetry}; a record that cannot be read or keeps failing is parked on the
 * dead-letter topic ({@link DeadLetters}) and the partition goes on.
 */
public class EventConsumers {

    private final ProcessedEvents processed;
    private final TransactionalOperator tx;
    private final DeadLetters deadLetters;
    private final ConsumerRetry.Policy policy;

    public EventConsumers(ProcessedEvents processed, TransactionalOperator tx, DeadLetters deadLetters,
            ConsumerRetry.Policy policy) {
        this.processed = processed;
        this.tx = tx;
        this.deadLetters = deadLetters;
        this.policy = policy;
    }

    public <T> Mono<Void> apply(String consumer, ConsumerRecord<String, String> record, String type, Class<T> dataType,
            BiFunction<EventEnvelope, T, Mono<Void>> effect) {
        EventEnvelope event;
        T data;
        try {
            event = EventCodec.read(record.value());
            if (!type.equals(event.type())) {
                return Mono.empty();
            }
            data = EventCodec.data(event, dataType);
        } catch (RuntimeException unreadable) {
            return deadLetters.park(consumer, record, unreadable);
        }
        return guarded(consumer, record, event.id(), tx.transactional(Mono.defer(() -> processed.claim(consumer, event.id())
                .flatMap(first -> first ? effect.apply(event, data) : Mono.<Void>empty()))));
    }

    /**
     * Runs {@code handling} (lazy; it is subscribed again for each attempt) with bounded retries;
     * a record that still fails goes to the dead-letter topic and the returned Mono completes.
     */
    public Mono<Void> guarded(String consumer, ConsumerRecord<String, String> record, String eventId,
            Mono<Void> handling) {
        return ConsumerRetry.bounded(consumer, eventId, handling, policy)
                .onErrorResume(PoisonRecordException.class, e -> deadLetters.park(consumer, record, e.getCause()));
    }
}
