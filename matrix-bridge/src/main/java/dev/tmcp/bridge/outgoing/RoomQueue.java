package dev.tmcp.bridge.outgoing;

import dev.tmcp.web.tracing.TraceContext;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** How the rest of the bridge hands events to the room queue. */
@Component
public class RoomQueue {

    private final RoomOutbox outbox;
    private final DeliveryWorker worker;

    RoomQueue(RoomOutbox outbox, DeliveryWorker worker) {
        this.outbox = outbox;
        this.worker = worker;
    }

    /** Queues the events of one source event; run it inside the caller's transaction. */
    public Mono<Void> enqueue(String sourceEventId, List<RoomEvent> events) {
        return TraceContext.current().flatMap(trace -> enqueue(sourceEventId, events, trace));
    }

    /** As {@link #enqueue(String, List)}, the sends continuing the given trace and request id. */
    public Mono<Void> enqueue(String sourceEventId, List<RoomEvent> events, TraceContext trace) {
        return Flux.fromIterable(events).concatMap(event -> outbox.enqueue(sourceEventId, event, trace)).then();
    }

    /** Wakes the room's events that wait for an invite; run it inside the caller's transaction. */
    public Mono<Long> inviteArrived(String roomId) {
        return outbox.wake(roomId);
    }

    /** Call after the transaction committed, so delivery starts without waiting for the next poll. */
    public void committed() {
        worker.nudge();
    }
}
