package dev.tmcp.payment.refund;

import dev.tmcp.web.jobs.PeriodicJobs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Reconciles refunds left pending by a crash or an outage, without the merchant calling again (ADR 0039). */
@Component
public class RefundRecovery extends PeriodicJobs {

    private static final int BATCH = 50;

    private final Refunds refunds;
    private final Duration recoverAfter;
    private final Duration interval;

    RefundRecovery(Refunds refunds, @Value("${tmcp.payment.refund-recover-after:2m}") Duration recoverAfter,
            @Value("${tmcp.payment.recovery-interval:30s}") Duration interval) {
        super("refund recovery");
        this.refunds = refunds;
        this.recoverAfter = recoverAfter;
        this.interval = interval;
    }

    /** One round: how many pending refunds reached an end. */
    public Mono<Long> recover() {
        return refunds.reconcile(Instant.now().minus(recoverAfter), BATCH);
    }

    @Override
    protected List<Job> jobs() {
        return List.of(new Job("round", interval, this::recover));
    }
}
