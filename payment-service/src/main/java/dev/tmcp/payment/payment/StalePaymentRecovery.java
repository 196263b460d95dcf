package dev.tmcp.payment.payment;

import dev.tmcp.web.jobs.PeriodicJobs;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Finishes payments left in {@code processing} by a crash or an outage between hold and capture:
 * with the hold known (or found in the wallet by the payment's reference) it captures (or, if the
 * wallet refuses, releases and fails the payment); with no hold it fails the payment. Replicas may run side by side:
 * each payment is touched before it is worked on, and every wallet step is keyed by a reference.
 */
@Component
class StalePaymentRecovery extends PeriodicJobs {

    private static final Logger log = LoggerFactory.getLogger(StalePaymentRecovery.class);
    private static final int BATCH = 20;

    private final PaymentRepository payments;
    private final PaymentSettlement settlement;
    private final PaymentProperties properties;

    StalePaymentRecovery(PaymentRepository payments, PaymentSettlement settlement, PaymentProperties properties) {
        super("payment recovery");
        this.payments = payments;
        this.settlement = settlement;
        this.properties = properties;
    }

    /** One round: the number of payments it looked at. */
    Mono<Long> recover() {
        return payments.stuckInProcessing(Instant.now().minus(properties.recoverAfter()), BATCH)
                .concatMap(stuck -> payments.touch(stuck.paymentId())
                        .filter(Boolean::booleanValue)
                        .flatMap(claimed -> settlement.resume(stuck))
                        .doOnNext(done -> log.info("recovered payment {}: {}", done.paymentId(), done.status()))
                        .onErrorResume(e -> {
                            log.warn("payment {} still not settled: {}", stuck.paymentId(), e.toString());
                            return Mono.empty();
                        })
                        .thenReturn(1L))
                .count();
    }

    @Override
    protected List<Job> jobs() {
        return List.of(new Job("round", properties.recoveryInterval(), this::recover));
    }
}
