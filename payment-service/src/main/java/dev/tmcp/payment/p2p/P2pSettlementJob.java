package dev.tmcp.payment.p2p;

import dev.tmcp.web.jobs.PeriodicJobs;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Spec 7.2.7's scheduled job: refunds transfers nobody accepted within the window and finishes
 * settlements a crash interrupted; and ends transfers left unconfirmed past their deadline by the
 * wallet's answer (ADR 0037). Safe on several instances: expiry claims rows with
 * {@code SKIP LOCKED}, and every settlement step is idempotent.
 */
@Component
class P2pSettlementJob extends PeriodicJobs {

    private final P2pAcceptance acceptance;
    private final P2pRecovery recovery;
    private final Duration interval;

    P2pSettlementJob(P2pAcceptance acceptance, P2pRecovery recovery,
            @Value("${tmcp.payment.p2p.settlement-interval:30s}") Duration interval) {
        super("p2p");
        this.acceptance = acceptance;
        this.recovery = recovery;
        this.interval = interval;
    }

    @Override
    protected List<Job> jobs() {
        return List.of(new Job("settlement", interval, acceptance::expireAndSettle),
                new Job("unconfirmed", interval, recovery::resolveUnconfirmed));
    }
}
