package dev.tmcp.bridge.events;

import dev.tmcp.bridge.outgoing.RoomEvent;
import dev.tmcp.bridge.outgoing.RoomQueue;
import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.EventEnvelope;
import dev.tmcp.web.outbox.EventConsumers;
import dev.tmcp.web.outbox.ProcessedEvents;
import dev.tmcp.web.tracing.TraceContext;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Consumes the domain topics and puts the room events they call for into the room queue. The
 * event id is recorded as processed in the same transaction as the queue rows, so a redelivered
 * record adds nothing; the offset is committed after that transaction, so nothing is lost. Sending
 * is the {@code DeliveryWorker}'s job: an outage of the homeserver never holds up this consumer.
 * A record that keeps failing (not an outage) goes to its dead-letter topic after bounded retries.
 */
@Component
class RoomEventsListener {

    static final String CONSUMER = "matrix-bridge.room-events";
    private static final Logger log = LoggerFactory.getLogger(RoomEventsListener.class);

    private final Map<String, RoomEventRenderer.Render> renderers = new HashMap<>();
    private final ProcessedEvents processed;
    private final RoomQueue queue;
    private final TransactionalOperator tx;
    private final PartitionLanes lanes;
    private final MiniAppNames names;
    private final MeterRegistry meters;
    private final EventConsumers consumers;

    RoomEventsListener(List<RoomEventRenderer> all, ProcessedEvents processed, RoomQueue queue,
            TransactionalOperator tx, PartitionLanes lanes, MiniAppNames names, MeterRegistry meters,
            EventConsumers consumers) {
        all.forEach(r -> renderers.putAll(r.renderers()));
        this.processed = processed;
        this.queue = queue;
        this.tx = tx;
        this.lanes = lanes;
        this.names = names;
        this.meters = meters;
        this.consumers = consumers;
    }

    @KafkaListener(topics = "#{@bridgeTopics.consumed()}", groupId = "#{@bridgeTopics.groupId()}")
    Mono<Void> onEvent(ConsumerRecord<String, String> record) {
        EventEnvelope event = EventCodec.read(record.value());
        RoomEventRenderer.Render render = renderers.get(event.type());
        boolean named = names.handles(event.type());
        if (render == null && !named) {
            return Mono.empty();
        }
        List<RoomEvent> events = render == null ? List.of() : rendered(event, render);
        TraceContext trace = TraceContext.of(record.headers());
        return lanes.inOrder(record, consumers.guarded(CONSUMER, record, event.id(), Mono.defer(() -> tx.transactional(
                        processed.claim(CONSUMER, event.id())
                                .flatMap(first -> first
                                        ? (named ? names.record(event) : Mono.<Void>empty()).then(queue.enqueue(event.id(), events, trace))
                                        : Mono.empty())))
                .doOnSuccess(v -> queue.committed())));
    }

    /** An event that cannot be rendered (a malformed amount, say) would fail forever: it is logged and skipped. */
    private List<RoomEvent> rendered(EventEnvelope event, RoomEventRenderer.Render render) {
        try {
            return render.apply(event);
        } catch (RuntimeException e) {
            meters.counter("tmcp.bridge.events.unrenderable", "type", event.type()).increment();
            log.error("event_id={} type={} cannot be shown in a room, skipped: {}", event.id(), event.type(), e.toString());
            return List.of();
        }
    }
}
