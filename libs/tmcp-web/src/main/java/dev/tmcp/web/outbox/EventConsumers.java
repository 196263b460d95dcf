package dev.tmcp.web.outbox;

import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.EventEnvelope;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import reactor.core.publisher.Mono;

/**
 * The shape every consumer of suite events has: read the envelope, skip other types, apply an
 * idempotent effect until it succeeds ({@link ConsumerRetry}), then remember the event id.
 */
public class EventConsumers {

    private final ProcessedEvents processed;

    public EventConsumers(ProcessedEvents processed) {
        this.processed = processed;
    }

    public <T> Mono<Void> apply(String consumer, ConsumerRecord<String, String> record, String type, Class<T> dataType,
            BiFunction<EventEnvelope, T, Mono<Void>> effect) {
        EventEnvelope event = EventCodec.read(record.value());
        if (!type.equals(event.type())) {
            return Mono.empty();
        }
        return ConsumerRetry.untilDone(consumer, event.id(),
                Mono.defer(() -> effect.apply(event, EventCodec.data(event, dataType)))
                        .then(processed.claim(consumer, event.id()))
                        .then());
    }
}
