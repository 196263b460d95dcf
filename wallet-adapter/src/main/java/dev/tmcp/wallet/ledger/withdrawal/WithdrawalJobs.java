package dev.tmcp.wallet.ledger.withdrawal;

import dev.tmcp.web.jobs.PeriodicJobs;
import dev.tmcp.web.jobs.StuckGauges;
import dev.tmcp.web.jobs.StuckItem;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Drives every withdrawal to an end without the user coming back (ADR 0038): expires those never
 * approved within the deadline, finishes releases and approvals a crash interrupted, and counts
 * what is still stuck into {@code tmcp.stuck}. Every step is guarded by the row's status and keyed
 * by a ledger reference, so replicas may run it side by side.
 */
@Component
public class WithdrawalJobs extends PeriodicJobs {

    private static final int BATCH = 100;

    private final Withdrawals withdrawals;
    private final Duration interval;
    private final StuckGauges gauges;

    WithdrawalJobs(Withdrawals withdrawals, MeterRegistry registry,
            @Value("${tmcp.wallet.withdrawal-job-interval:30s}") Duration interval) {
        super("withdrawals");
        this.withdrawals = withdrawals;
        this.interval = interval;
        this.gauges = new StuckGauges(registry, Map.of("withdrawal", List.of("pending_approval", "approving")));
    }

    /** One round: how many withdrawals it ended or finished. */
    public Mono<Long> run() {
        return withdrawals.expire(BATCH).zipWith(withdrawals.finishInterrupted(BATCH), Long::sum);
    }

    public Flux<StuckItem> stuck() {
        return withdrawals.stuck().map(s -> new StuckItem("withdrawal", s.withdrawalId(), s.status(), s.since()));
    }

    Mono<Long> count() {
        return stuck().collectList().doOnNext(gauges::record).map(list -> (long) list.size());
    }

    @Override
    protected List<Job> jobs() {
        return List.of(new Job("expiry", interval, this::run), new Job("stuck count", interval, this::count, Runs.ON_EVERY_REPLICA));
    }
}
