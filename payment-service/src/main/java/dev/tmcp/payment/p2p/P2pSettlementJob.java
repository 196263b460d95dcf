package dev.tmcp.payment.p2p;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Spec 7.2.7's scheduled job: refunds transfers nobody accepted within the window and finishes
 * settlements a crash interrupted. Safe on several instances: expiry claims rows with
 * {@code SKIP LOCKED}, and every settlement step is idempotent.
 */
@Component
class P2pSettlementJob {

    private static final Logger log = LoggerFactory.getLogger(P2pSettlementJob.class);

    private final P2pAcceptance acceptance;

    P2pSettlementJob(P2pAcceptance acceptance) {
        this.acceptance = acceptance;
    }

    @Scheduled(fixedDelayString = "${tmcp.payment.p2p.settlement-interval:30s}", initialDelayString = "5s")
    void run() {
        try {
            Long settled = acceptance.expireAndSettle().block();
            if (settled != null && settled > 0) {
                log.info("Settled {} P2P transfers (expired or interrupted)", settled);
            }
        } catch (RuntimeException e) {
            log.warn("P2P settlement run failed; the next run retries: {}", e.toString());
        }
    }
}
