package dev.tmcp.appstore.webhook;

import dev.tmcp.appstore.registration.SecretBox;
import dev.tmcp.web.jobs.PeriodicJobs;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Sends due webhooks until each is acknowledged, stopped or given up ({@link WebhookSchedule}).
 * Runs on every replica: a claim moves the delivery's next attempt ahead under {@code SKIP LOCKED},
 * so two replicas never send the same attempt, and a crash mid-send only delays it by the lease.
 */
@Component
class WebhookDispatcher extends PeriodicJobs {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int BATCH = 50;
    private static final int IN_FLIGHT = 16;
    private static final int MAX_ROUNDS = 20;

    private final WebhookDeliveries deliveries;
    private final WebhookSender sender;
    private final SecretBox secrets;
    private final WebhookProperties properties;
    private final WebhookSchedule schedule;
    private final MeterRegistry meters;
    private final AtomicLong disabledEndpoints = new AtomicLong();
    private final AtomicLong pendingDeliveries = new AtomicLong();

    WebhookDispatcher(WebhookDeliveries deliveries, WebhookSender sender, SecretBox secrets, WebhookProperties properties,
            MeterRegistry meters) {
        super("webhook dispatcher");
        this.meters = meters;
        meters.gauge("tmcp.webhook.endpoints.disabled", disabledEndpoints);
        meters.gauge("tmcp.webhook.deliveries.pending", pendingDeliveries);
        List.of("delivered", "retried", "stopped", "gave_up")
                .forEach(outcome -> meters.counter("tmcp.webhook.deliveries", "outcome", outcome));
        this.deliveries = deliveries;
        this.sender = sender;
        this.secrets = secrets;
        this.properties = properties;
        this.schedule = new WebhookSchedule(properties.backoffScale(), RandomGenerator.getDefault());
    }

    @Override
    protected List<Job> jobs() {
        return List.of(new Job("deliver", properties.pollInterval(), this::deliverDue, Runs.ON_EVERY_REPLICA),
                new Job("gauges", Duration.ofSeconds(30), this::refreshGauges, Runs.ON_EVERY_REPLICA));
    }

    private Mono<Long> refreshGauges() {
        return deliveries.health().map(health -> {
            disabledEndpoints.set(health.disabledEndpoints());
            pendingDeliveries.set(health.pendingDeliveries());
            return health.disabledEndpoints();
        });
    }

    /**
     * One tick: rounds of up to {@value #BATCH} due deliveries, another at once while a round was
     * full (a burst is not held to one batch per poll interval), at most {@value #MAX_ROUNDS}.
     * Emits how many attempts were made.
     */
    Mono<Long> deliverDue() {
        return round().expand(attempted -> attempted.rounds() < MAX_ROUNDS && attempted.attempts() == BATCH
                        ? round().map(next -> new Tick(attempted.rounds() + 1, next.attempts()))
                        : Mono.empty())
                .map(Tick::attempts)
                .reduce(0L, Long::sum);
    }

    private record Tick(int rounds, long attempts) {
    }

    private Mono<Tick> round() {
        Duration lease = properties.timeout().multipliedBy(3);
        return deliveries.claim(BATCH, lease).flatMap(this::attempt, IN_FLIGHT).count().map(n -> new Tick(1, n));
    }

    /**
     * {@code tmcp.webhook.deliveries{outcome}} per attempt: delivered, retried, stopped or gave_up;
     * {@code tmcp.webhook.receiver.latency{outcome}}: how long the receiver took to answer.
     */
    private void count(WebhookSchedule.Decision decision, long latencyMillis) {
        String outcome = switch (decision) {
            case WebhookSchedule.Delivered d -> "delivered";
            case WebhookSchedule.Retry r -> "retried";
            case WebhookSchedule.Stopped s -> "stopped";
            case WebhookSchedule.GaveUp g -> "gave_up";
        };
        meters.counter("tmcp.webhook.deliveries", "outcome", outcome).increment();
        Timer.builder("tmcp.webhook.receiver.latency").tag("outcome", outcome).register(meters)
                .record(Duration.ofMillis(latencyMillis));
    }

    private Mono<Void> attempt(WebhookDeliveries.Due due) {
        java.util.List<String> signing;
        try {
            String secret = secrets.open(due.sealedSecret(), due.miniappId());
            signing = due.sealedPreviousSecret() == null ? java.util.List.of(secret)
                    : java.util.List.of(secret, secrets.open(due.sealedPreviousSecret(), due.miniappId()));
        } catch (RuntimeException e) {
            log.error("webhook secret of {} cannot be opened; delivery {} waits", due.miniappId(), due.deliveryId(), e);
            return Mono.empty();
        }
        int attempt = due.attempts() + 1;
        return sender.send(due.webhookUrl(), signing, due.eventId(), due.body()).flatMap(result -> {
            WebhookSchedule.Decision decision = schedule.after(result.statusCode(), attempt, due.createdAt(), Instant.now());
            count(decision, result.latencyMillis());
            return switch (decision) {
                case WebhookSchedule.Delivered d -> deliveries.record(due.deliveryId(), attempt, result.statusCode(),
                        result.latencyMillis(), null, "delivered", Instant.now());
                case WebhookSchedule.Retry r -> deliveries.record(due.deliveryId(), attempt, result.statusCode(),
                        result.latencyMillis(), result.error(), "pending", r.at());
                case WebhookSchedule.Stopped s -> {
                    // 400: the developer sees it in the delivery log; 401: our signature was refused, which
                    // may mean a leaked or mismatched secret, so it is a security alert in the log.
                    if ("unauthorized".equals(s.reason())) {
                        log.warn("SECURITY webhook {} of {} refused its signature (401); delivery stopped",
                                due.deliveryId(), due.miniappId());
                    }
                    yield deliveries.record(due.deliveryId(), attempt, result.statusCode(), result.latencyMillis(),
                            s.reason(), "stopped", Instant.now());
                }
                case WebhookSchedule.GaveUp g -> {
                    log.warn("webhook endpoint of {} kept failing for {}; disabled", due.miniappId(),
                            WebhookSchedule.GIVE_UP_AFTER);
                    yield deliveries.record(due.deliveryId(), attempt, result.statusCode(), result.latencyMillis(),
                            result.error(), "gave_up", Instant.now())
                            // A payment's own callback URL failing says nothing of the app's endpoint.
                            .then(due.callback() ? Mono.empty() : deliveries.disableEndpoint(due.miniappId(), result.error()));
                }
            };
        });
    }
}
