package dev.tmcp.payment.p2p;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.UserId;
import dev.tmcp.core.id.WalletId;
import dev.tmcp.payment.wallet.WalletClient;
import dev.tmcp.web.tep.TepPrincipal;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Recipient acceptance (spec 7.2.7). A decision — accept, reject, or expiry after the window — is
 * first recorded under the row lock, so exactly one of them wins; then the hold is settled in the
 * wallet (captured to the recipient, or released to the sender) under a reference derived from the
 * transfer, and the final status and its event are written together. A crash between the two
 * leaves a decided transfer that {@link #settleStuck} finishes.
 */
@Service
class P2pAcceptance {

    private static final Logger log = LoggerFactory.getLogger(P2pAcceptance.class);
    private static final int BATCH = 100;

    private final P2pRepository transfers;
    private final WalletClient wallet;
    private final P2pEvents events;
    private final TransactionalOperator tx;
    private final int captureAttempts;

    P2pAcceptance(P2pRepository transfers, WalletClient wallet, P2pEvents events, TransactionalOperator tx,
            @Value("${tmcp.payment.p2p.capture-attempts:5}") int captureAttempts) {
        this.captureAttempts = captureAttempts;
        this.transfers = transfers;
        this.wallet = wallet;
        this.events = events;
        this.tx = tx;
    }

    Mono<P2pTransfer> accept(TepPrincipal recipient, String transferId) {
        return decide(recipient, transferId, P2pStatus.ACCEPTING, null, null);
    }

    Mono<P2pTransfer> reject(TepPrincipal recipient, String transferId, String reason, String message) {
        return decide(recipient, transferId, P2pStatus.REJECTING, reason == null ? "user_declined" : reason, message);
    }

    private Mono<P2pTransfer> decide(TepPrincipal recipient, String transferId, P2pStatus deciding, String reason,
            String message) {
        return transfers.find(transferId)
                .filter(t -> t.recipientUserId().equals(recipient.userId().value()))
                .switchIfEmpty(Mono.error(P2pService.notFound()))
                .flatMap(t -> switch (P2pTransitions.decide(t, deciding, Instant.now())) {
                    // Another request or the expiry job may decide first: the conditional update picks one.
                    case PROCEED -> transfers.decide(transferId, deciding, reason, message)
                            .then(transfers.find(transferId))
                            .flatMap(after -> after.status() == deciding ? settle(after) : outcome(after, deciding));
                    case SETTLE -> settle(t);
                    case ANSWER -> Mono.just(t);
                });
    }

    /** The transfer was decided already: a retry of the same decision finishes it; another decision is refused. */
    private Mono<P2pTransfer> outcome(P2pTransfer t, P2pStatus deciding) {
        return switch (P2pTransitions.decided(t, deciding)) {
            case SETTLE -> settle(t);
            case PROCEED, ANSWER -> Mono.just(t);
        };
    }

    /** What the wallet answered for a settled hold; a release names no recipient wallet. */
    private record Settled(String ledgerTxnId, WalletId recipientWalletId) {
    }

    /** Moves the held money as decided and records the final state with its event, once. */
    Mono<P2pTransfer> settle(P2pTransfer t) {
        String id = t.transferId();
        Mono<Settled> money = t.status() == P2pStatus.ACCEPTING
                ? wallet.capture(t.holdId(), "p2p:" + id + ":accept", UserId.of(t.recipientUserId()), t.amount())
                        .map(c -> new Settled(c.ledgerTxnId(), c.recipientWalletId()))
                : wallet.releaseAll(t.holdId(), "p2p:" + id + ":return", t.amount().currency())
                        .map(r -> new Settled(r.ledgerTxnId(), null));
        P2pStatus finalStatus = t.status().settled();
        return money.flatMap(moved -> tx.transactional(transfers.findForUpdate(id).flatMap(current -> {
            if (current.status() != t.status()) {
                return Mono.just(current);
            }
            return transfers.settle(id, t.status(), moved.ledgerTxnId(), moved.recipientWalletId())
                    .then(events.statusChanged(t, finalStatus, t.rejectReason()))
                    .then(transfers.find(id));
        })));
    }

    /** Expires transfers whose window has passed, then settles every decided transfer a crash left behind. */
    Mono<Long> expireAndSettle() {
        Mono<Long> expired = tx.transactional(transfers.expiredForUpdate(BATCH)
                        .concatMap(id -> transfers.decide(id, P2pStatus.EXPIRING, null, null).thenReturn(id))
                        .collectList())
                .flatMapMany(Flux::fromIterable)
                .concatMap(id -> transfers.find(id).flatMap(this::settleOrReturn).onErrorResume(e -> logged(id, e)))
                .count();
        Mono<Long> stuck = settleStuck();
        return expired.zipWith(stuck, Long::sum);
    }

    Mono<Long> settleStuck() {
        return transfers.stuck(BATCH)
                .concatMap(t -> settleOrReturn(t).onErrorResume(e -> logged(t.transferId(), e)))
                .count();
    }

    /**
     * Settles; a capture the wallet refuses (a 4xx: the recipient's account or limits) is counted,
     * and after {@code capture-attempts} refusals the acceptance turns into a return: the hold goes
     * back to the sender and the transfer ends {@code rejected} with reason {@code capture_refused}
     * (ADR 0037). Outages are not refusals and are simply retried.
     */
    Mono<P2pTransfer> settleOrReturn(P2pTransfer t) {
        return settle(t).onErrorResume(e -> t.status() == P2pStatus.ACCEPTING && refused(e),
                e -> transfers.settleFailed(t.transferId()).flatMap(attempts -> {
                    if (attempts < captureAttempts) {
                        return Mono.error(e);
                    }
                    log.warn("capture of transfer {} refused {} times ({}): returning the money", t.transferId(),
                            attempts, e.toString());
                    return transfers.giveUpCapture(t.transferId())
                            .then(transfers.find(t.transferId()))
                            .flatMap(now -> now.status() == P2pStatus.REJECTING ? settle(now) : Mono.just(now));
                }));
    }

    static boolean refused(Throwable e) {
        return e instanceof TmcpException t && t.code().httpStatus() >= 400 && t.code().httpStatus() < 500
                && t.code() != ErrorCode.RATE_LIMIT_EXCEEDED && t.code() != ErrorCode.INVALID_TOKEN;
    }

    private static Mono<P2pTransfer> logged(String transferId, Throwable e) {
        log.warn("Could not settle transfer {} yet; the next run retries: {}", transferId, e.toString());
        return Mono.empty();
    }
}
