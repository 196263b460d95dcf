package dev.tmcp.payment.stuck;

import dev.tmcp.web.jobs.PeriodicJobs;
import dev.tmcp.web.jobs.StuckGauges;
import dev.tmcp.web.jobs.StuckItem;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Everything of this service still in an intermediate state a margin after the moment its recovery
 * job should have taken it (ADR 0037): what an operator looks at, and the {@code tmcp.stuck} gauge.
 * A healthy service lists nothing; an entry means the wallet kept failing or a job is not running.
 */
@Component
public class StuckListing extends PeriodicJobs {

    private static final int LIMIT = 200;

    private final DatabaseClient db;
    private final StuckGauges gauges;
    private final Duration unconfirmedAfter;
    private final Duration processingAfter;
    private final Duration refundAfter;
    private final Duration margin;
    private final Duration interval;

    StuckListing(DatabaseClient db, MeterRegistry registry,
            @Value("${tmcp.payment.p2p.authorization-deadline:10m}") Duration authorizationDeadline,
            @Value("${tmcp.payment.p2p.recovery-grace:1m}") Duration grace,
            @Value("${tmcp.payment.recover-after:2m}") Duration recoverAfter,
            @Value("${tmcp.payment.refund-recover-after:2m}") Duration refundRecoverAfter,
            @Value("${tmcp.payment.stuck-margin:5m}") Duration margin,
            @Value("${tmcp.payment.recovery-interval:30s}") Duration interval) {
        super("stuck count");
        this.db = db;
        this.unconfirmedAfter = authorizationDeadline.plus(grace);
        this.processingAfter = recoverAfter;
        this.refundAfter = refundRecoverAfter;
        this.margin = margin;
        this.interval = interval;
        this.gauges = new StuckGauges(registry, Map.of(
                "p2p", List.of("pending_authorization", "pending_recipient_acceptance", "accepting", "rejecting", "expiring"),
                "payment", List.of("processing"),
                "refund", List.of("pending"),
                "gift", List.of("created", "unreleased"),
                "gift_opening", List.of("claimed")));
    }

    public Flux<StuckItem> stuck() {
        return Flux.concat(
                query("p2p", "select transfer_id as id, status as state, created_at as since from p2p_transfer "
                        + "where status = 'pending_authorization' and created_at < :t", unconfirmedAfter),
                query("p2p", "select transfer_id as id, status as state, expires_at as since from p2p_transfer "
                        + "where status = 'pending_recipient_acceptance' and expires_at < :t", Duration.ZERO),
                query("p2p", "select transfer_id as id, status as state, decided_at as since from p2p_transfer "
                        + "where status in ('accepting', 'rejecting', 'expiring') and decided_at < :t", Duration.ofSeconds(30)),
                query("payment", "select payment_id as id, status as state, expires_at as since from payment "
                        + "where status = 'processing' and expires_at < :t", processingAfter),
                query("refund", "select refund_id as id, status as state, created_at as since from payment_refund "
                        + "where status = 'pending' and created_at < :t", refundAfter),
                query("gift", "select gift_id as id, status as state, created_at as since from gift "
                        + "where status = 'created' and created_at < :t", Duration.ofMinutes(5)),
                query("gift", "select gift_id as id, 'unreleased' as state, expires_at as since from gift "
                        + "where released_at is null and status not in ('created', 'cancelled') and expires_at < :t", Duration.ZERO),
                query("gift", "select gift_id as id, 'unreleased' as state, updated_at as since from gift "
                        + "where released_at is null and status = 'cancelled' and release_minor is not null and updated_at < :t",
                        Duration.ZERO),
                query("gift_opening", "select gift_id || '/' || user_id as id, status as state, opened_at as since "
                        + "from gift_opening where status = 'claimed' and opened_at < :t", Duration.ofSeconds(30)));
    }

    /** Items whose recovery should have begun {@code after} past their timestamp, plus the margin. */
    private Flux<StuckItem> query(String flow, String sql, Duration after) {
        OffsetDateTime threshold = OffsetDateTime.now(ZoneOffset.UTC).minus(after).minus(margin);
        return db.sql(sql + " limit " + LIMIT).bind("t", threshold)
                .map(r -> new StuckItem(flow, r.get("id", String.class), r.get("state", String.class),
                        instant(r.get("since", OffsetDateTime.class))))
                .all();
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    Mono<Long> count() {
        return stuck().collectList().doOnNext(gauges::record).map(list -> (long) list.size());
    }

    @Override
    protected List<Job> jobs() {
        return List.of(new Job("round", interval, this::count, Runs.ON_EVERY_REPLICA));
    }
}
