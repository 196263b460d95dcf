package dev.tmcp.bridge.outgoing;

import dev.tmcp.bridge.homeserver.MatrixApi;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Drains the room queue: each ready room is drained head first, one event at a time, by at most
 * one worker (an in-process set here, the row lease across replicas). A homeserver error or 429
 * puts the head back with a delay, so the room waits and keeps its order; an event the sender
 * cannot deliver because it is not let into the room waits for an invite, and is reported.
 */
@Component
class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final RoomOutbox outbox;
    private final RoomDelivery delivery;
    private final DeliveryProperties config;
    private final Set<String> draining = ConcurrentHashMap.newKeySet();
    private final Sinks.Many<Boolean> nudges = Sinks.many().multicast().directBestEffort();
    private final Map<String, Long> open = new ConcurrentHashMap<>();
    private final Counter delivered;
    private final MeterRegistry meters;
    private volatile Disposable.Composite running;

    DeliveryWorker(RoomOutbox outbox, RoomDelivery delivery, DeliveryProperties config, MeterRegistry meters) {
        this.outbox = outbox;
        this.delivery = delivery;
        this.config = config;
        this.meters = meters;
        this.delivered = meters.counter("tmcp.bridge.room_events.delivered");
        for (String status : new String[] {"pending", "waiting_invite", "unreachable"}) {
            meters.gauge("tmcp.bridge.room_events.open", io.micrometer.core.instrument.Tags.of("status", status), open,
                    m -> m.getOrDefault(status, 0L));
        }
    }

    /** Looks at the queue now instead of at the next poll (called after an enqueue commits). */
    void nudge() {
        nudges.tryEmitNext(true);
    }

    private Mono<Void> poll() {
        int free = config.maxRooms() - draining.size();
        if (free <= 0) {
            return Mono.empty();
        }
        return outbox.readyRooms(free)
                .filter(draining::add)
                // Each room drains on its own; a stopped worker lets the rows' leases lapse.
                .doOnNext(room -> drain(room).doFinally(s -> draining.remove(room)).subscribe())
                .then();
    }

    private Mono<Void> drain(String room) {
        if (!isRunning()) {
            return Mono.empty();
        }
        return outbox.claimHead(room, config.lease())
                .flatMap(queued -> attempt(queued).filter(next -> next).flatMap(next -> drain(room)))
                .onErrorResume(e -> {
                    log.warn("room={} queue could not be read: {}", room, e.toString());
                    return Mono.empty();
                });
    }

    /** True when the room may go on with its next event. */
    private Mono<Boolean> attempt(QueuedEvent queued) {
        return delivery.deliver(queued)
                .flatMap(sent -> outbox.delivered(queued.seq(), sent.roomId(), sent.eventId())
                        .doOnSuccess(v -> delivered.increment())
                        .thenReturn(true))
                .onErrorResume(e -> failed(queued, e));
    }

    private Mono<Boolean> failed(QueuedEvent queued, Throwable e) {
        String room = queued.event().room();
        String id = queued.sourceEventId();
        if (e instanceof RoomBotAccess.Unreachable) {
            return outbox.waitForInvite(queued.seq(), config.inviteRecheck(), config.reportUnreachableAfter(),
                            e.getMessage())
                    .doOnNext(status -> {
                        meters.counter("tmcp.bridge.room_events.blocked", "status", status).increment();
                        log.warn("room={} event_id={} status={} the sender cannot enter the room; the room's events "
                                + "wait for an invite: {}", room, id, status, e.getMessage());
                    })
                    .thenReturn(false);
        }
        if (e instanceof MatrixApi.MatrixError m && m.status().value() == 429) {
            Duration wait = Duration.ofMillis(Math.max(m.retryAfterMs(), 100));
            meters.counter("tmcp.bridge.room_events.retried", "reason", "rate_limited").increment();
            log.info("room={} event_id={} rate limited, retrying in {} ms", room, id, wait.toMillis());
            return outbox.retryLater(queued.seq(), wait, e.toString()).thenReturn(false);
        }
        if (e instanceof RoomDelivery.NotPermitted
                || e instanceof MatrixApi.MatrixError m && (m.status().value() == 400 || m.status().value() == 413)) {
            meters.counter("tmcp.bridge.room_events.rejected").increment();
            log.error("room={} event_id={} rejected by the homeserver, set aside: {}", room, id, e.getMessage());
            return outbox.rejected(queued.seq(), e.toString()).thenReturn(true);
        }
        Duration wait = backoff(queued.attempts());
        meters.counter("tmcp.bridge.room_events.retried", "reason", "homeserver_error").increment();
        log.warn("room={} event_id={} attempt={} failed, retrying in {} ms: {}", room, id, queued.attempts(),
                wait.toMillis(), e.toString());
        return outbox.retryLater(queued.seq(), wait, e.toString()).thenReturn(false);
    }

    private Duration backoff(int attempts) {
        long base = 250L << Math.min(attempts - 1, 10);
        long capped = Math.min(base, config.maxBackoff().toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private Mono<Void> refreshGauges() {
        return outbox.openCounts().collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .doOnNext(counts -> {
                    open.keySet().retainAll(counts.keySet());
                    open.putAll(counts);
                })
                .then();
    }

    @Override
    public void start() {
        Disposable.Composite composite = Disposables.composite();
        running = composite;
        composite.add(Flux.merge(Flux.interval(config.pollInterval()).map(t -> true), nudges.asFlux())
                .onBackpressureDrop()
                .concatMap(tick -> poll().onErrorResume(e -> {
                    log.warn("room queue poll failed: {}", e.toString());
                    return Mono.empty();
                }), 1)
                .subscribe());
        composite.add(Flux.interval(Duration.ofSeconds(10))
                .concatMap(tick -> refreshGauges().onErrorResume(e -> Mono.empty()))
                .subscribe());
        composite.add(Flux.interval(Duration.ofMinutes(1), Duration.ofHours(1))
                .concatMap(tick -> outbox.prune(config.keepDelivered()).onErrorResume(e -> Mono.empty()))
                .subscribe());
    }

    @Override
    public void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        Disposable current = running;
        return current != null && !current.isDisposed();
    }
}
