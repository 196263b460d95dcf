package dev.tmcp.payment.p2p;

import dev.tmcp.payment.wallet.WalletClient;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Ends transfers left in {@code pending_authorization} (ADR 0037): once the confirmation deadline
 * and a grace longer than any wallet call have passed, no confirmation can still move money, so the
 * wallet's answer by the transfer's reference is final. Money moved (or held, when the recipient
 * must accept): the transfer completes (or awaits acceptance) with its one card, as the confirmation
 * would have done. Nothing moved: it expires with its status event. Both writes are guarded by the
 * row's status, so a replica or a late confirmation doing the same finds it done.
 */
@Service
class P2pRecovery {

    private static final Logger log = LoggerFactory.getLogger(P2pRecovery.class);
    private static final int BATCH = 50;

    private final P2pRepository transfers;
    private final P2pService service;
    private final WalletClient wallet;
    private final P2pEvents events;
    private final TransactionalOperator tx;
    private final Duration resolveAfter;

    P2pRecovery(P2pRepository transfers, P2pService service, WalletClient wallet, P2pEvents events,
            TransactionalOperator tx,
            @Value("${tmcp.payment.p2p.authorization-deadline:10m}") Duration authorizationDeadline,
            @Value("${tmcp.payment.p2p.recovery-grace:1m}") Duration grace) {
        this.transfers = transfers;
        this.service = service;
        this.wallet = wallet;
        this.events = events;
        this.tx = tx;
        this.resolveAfter = authorizationDeadline.plus(grace);
    }

    /** One round: how many unconfirmed transfers it ended. */
    Mono<Long> resolveUnconfirmed() {
        return transfers.unconfirmed(Instant.now().minus(resolveAfter), BATCH)
                .concatMap(t -> resolve(t).onErrorResume(e -> {
                    log.warn("transfer {} not resolved yet, the next round retries: {}", t.transferId(), e.toString());
                    return Mono.empty();
                }))
                .count();
    }

    /** The wallet's truth for one transfer, applied. */
    Mono<P2pTransfer> resolve(P2pTransfer t) {
        String reference = "p2p:" + t.transferId();
        Mono<P2pTransfer> moved = t.acceptanceRequired()
                ? wallet.holdByReference(reference, t.amount().currency())
                        .filter(hold -> hold.remaining() == null || hold.remaining().minorUnits() > 0)
                        .flatMap(hold -> tx.transactional(service.awaitAcceptance(t, hold)))
                : wallet.transferByReference(t.transferId())
                        .flatMap(done -> tx.transactional(service.complete(t, done)));
        return moved
                .doOnNext(done -> log.info("transfer {} had moved its money; now {}", t.transferId(), done.status()))
                .switchIfEmpty(Mono.defer(() -> expire(t)));
    }

    private Mono<P2pTransfer> expire(P2pTransfer t) {
        return tx.transactional(transfers.findForUpdate(t.transferId()).flatMap(current -> {
            if (current.status() != P2pStatus.PENDING_AUTHORIZATION) {
                return Mono.just(current);
            }
            return transfers.expireUnconfirmed(t.transferId())
                    .then(events.statusChanged(t, P2pStatus.EXPIRED, "authorization_timeout"))
                    .then(transfers.find(t.transferId()));
        }));
    }
}
