package dev.tmcp.bridge.outgoing;

import dev.tmcp.bridge.homeserver.MatrixApi;
import io.opentelemetry.api.trace.SpanKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
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
 * cannot deliver because it is not let into the room waits for an invite. An event that still
 * fails after its attempts is parked ({@link FailurePolicy}) and the room goes on.
 */
@Component
class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final RoomOutbox outbox;
    private final RoomDelivery delivery;
    private final DeliveryRecord deliveries;
    private final DeliveryProperties config;
    private final Set<String> draining = ConcurrentHashMap.newKeySet();
    private final Sinks.Many<Boolean> nudges = Sinks.many().multicast().directBestEffort();
    private final Map<String, Long> open = new ConcurrentHashMap<>();
    private final Counter delivered;
    private final Timer delay;
    private final Counter parked;
    private final AtomicLong parkedNow = new AtomicLong();
    private final FailurePolicy policy;
    private final MeterRegistry meters;
    private volatile Disposable.Composite running;

    DeliveryWorker(RoomOutbox outbox, RoomDelivery delivery, DeliveryRecord deliveries, DeliveryProperties config,
            MeterRegistry meters) {
        this.outbox = outbox;
        this.delivery = delivery;
        this.deliveries = deliveries;
        this.config = config;
        this.meters = meters;
        this.delivered = meters.counter("tmcp.bridge.room_events.delivered");
        this.delay = Timer.builder("tmcp.bridge.delivery.delay")
                .description("from the event queued for its room to the homeserver accepting it")
                .publishPercentileHistogram().register(meters);
        this.parked = meters.counter("tmcp.bridge.room_events.parked");
        this.policy = new FailurePolicy(config.parkAfterAttempts(), config.parkAfterErrors());
        meters.gauge("tmcp.bridge.room_events.parked.waiting", parkedNow);
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
        return queued.trace().span("matrix send " + queued.event().type(), SpanKind.CLIENT,
                        () -> delivery.deliver(queued))
                .flatMap(sent -> deliveries.delivered(queued, sent.roomId(), sent.eventId())
                        .doOnSuccess(v -> {
                            delivered.increment();
                            delay.record(Duration.between(queued.queuedAt(), java.time.Instant.now()));
                        })
                        .thenReturn(true))
                .onErrorResume(e -> failed(queued, e));
    }

    private Mono<Boolean> failed(QueuedEvent queued, Throwable e) {
        String room = queued.event().room();
        String id = queued.sourceEventId();
        return switch (policy.decide(e, queued.attempts())) {
            case WAIT_FOR_INVITE -> outbox.waitForInvite(queued.seq(), config.inviteRecheck(), e.getMessage())
                    .doOnSuccess(v -> {
                        meters.counter("tmcp.bridge.room_events.blocked", "status", "waiting_invite").increment();
                        log.warn("room={} event_id={} attempt={} the sender cannot enter the room; waiting for an "
                                + "invite: {}", room, id, queued.attempts(), e.getMessage());
                    })
                    .thenReturn(false);
            case RATE_LIMITED -> {
                long retryAfter = e instanceof MatrixApi.MatrixError m ? m.retryAfterMs() : 0;
                Duration wait = Duration.ofMillis(Math.max(retryAfter, 100));
                meters.counter("tmcp.bridge.room_events.retried", "reason", "rate_limited").increment();
                log.info("room={} event_id={} rate limited, retrying in {} ms", room, id, wait.toMillis());
                yield outbox.retryLater(queued.seq(), wait, e.toString()).thenReturn(false);
            }
            case REJECT -> {
                meters.counter("tmcp.bridge.room_events.rejected").increment();
                log.error("room={} event_id={} rejected by the homeserver, set aside: {}", room, id, e.getMessage());
                yield outbox.rejected(queued.seq(), e.toString()).thenReturn(true);
            }
            case PARK -> outbox.park(queued.seq(), e.toString())
                    .doOnSuccess(v -> {
                        parked.increment();
                        log.error("room={} event_id={} seq={} parked after {} attempts, the room goes on; an operator "
                                + "may redeliver it: {}", room, id, queued.seq(), queued.attempts(), e.toString());
                    })
                    .thenReturn(true);
            case RETRY -> {
                Duration wait = backoff(queued.attempts());
                meters.counter("tmcp.bridge.room_events.retried", "reason", "homeserver_error").increment();
                log.warn("room={} event_id={} attempt={} failed, retrying in {} ms: {}", room, id, queued.attempts(),
                        wait.toMillis(), e.toString());
                yield outbox.retryLater(queued.seq(), wait, e.toString()).thenReturn(false);
            }
        };
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
                .then(outbox.parkedCount().doOnNext(parkedNow::set))
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
        // Dropped ticks, never an overflow: a slow pass must not end the loop for good.
        composite.add(Flux.interval(Duration.ofSeconds(10))
                .onBackpressureDrop()
                .concatMap(tick -> refreshGauges().onErrorResume(e -> Mono.empty()))
                .subscribe());
        composite.add(Flux.interval(Duration.ofMinutes(1), Duration.ofHours(1))
                .onBackpressureDrop()
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
