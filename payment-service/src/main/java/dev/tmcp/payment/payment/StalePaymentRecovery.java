package dev.tmcp.payment.payment;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Finishes payments left in {@code processing} by a crash or an outage between hold and capture:
 * with the hold known it captures (or, if the wallet refuses, releases and fails the payment);
 * without one it fails the payment, as nothing is known to be held. Replicas may run side by side:
 * each payment is touched before it is worked on, and every wallet step is keyed by a reference.
 */
@Component
class StalePaymentRecovery implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StalePaymentRecovery.class);
    private static final int BATCH = 20;

    private final PaymentRepository payments;
    private final PaymentSettlement settlement;
    private final PaymentProperties properties;
    private volatile Disposable loop;

    StalePaymentRecovery(PaymentRepository payments, PaymentSettlement settlement, PaymentProperties properties) {
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
    public void start() {
        loop = Flux.interval(properties.recoveryInterval())
                .onBackpressureDrop()
                .concatMap(tick -> recover().onErrorResume(e -> {
                    log.warn("payment recovery round failed: {}", e.toString());
                    return Mono.just(0L);
                }), 0)
                .subscribe();
    }

    @Override
    public void stop() {
        if (loop != null) {
            loop.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return loop != null && !loop.isDisposed();
    }
}
