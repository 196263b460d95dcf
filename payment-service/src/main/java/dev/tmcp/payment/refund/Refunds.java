package dev.tmcp.payment.refund;

import dev.tmcp.core.crypto.Digests;
import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.EventEnvelope;
import dev.tmcp.core.event.Topics;
import dev.tmcp.core.event.payment.Payer;
import dev.tmcp.core.event.payment.PaymentRefunded;
import dev.tmcp.core.id.Ids;
import dev.tmcp.core.id.MiniAppId;
import dev.tmcp.core.id.UserId;
import dev.tmcp.core.money.Money;
import dev.tmcp.payment.payment.BalanceEvents;
import dev.tmcp.payment.payment.Payment;
import dev.tmcp.payment.payment.PaymentRepository;
import dev.tmcp.payment.wallet.WalletClient;
import dev.tmcp.web.idempotency.Idempotent;
import dev.tmcp.web.outbox.OutboxWriter;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Refunds (spec 7.4), full or partial, by the merchant's backend. A refund is first reserved under
 * the payment's row lock — pending and completed refunds together never exceed the captured
 * amount, however many arrive at once — then moved merchant → payer by the wallet under reference
 * {@code refund:{refund_id}}, then completed with {@code payment.refunded} in one transaction.
 * Idempotent per (payment, idempotency key); a retry of a refund the wallet did not answer moves
 * the money at most once.
 */
@Service
class Refunds {

    private final RefundRepository refunds;
    private final PaymentRepository payments;
    private final WalletClient wallet;
    private final BalanceEvents balances;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;

    Refunds(RefundRepository refunds, PaymentRepository payments, WalletClient wallet, OutboxWriter outbox,
            TransactionalOperator tx, BalanceEvents balances) {
        this.balances = balances;
        this.refunds = refunds;
        this.payments = payments;
        this.wallet = wallet;
        this.outbox = outbox;
        this.tx = tx;
    }

    record Outcome(Refund refund, Payment payment) {
    }

    Mono<Outcome> refund(String merchant, String paymentId, RefundRequest request) {
        return reserve(merchant, paymentId, request).flatMap(this::execute);
    }

    private Mono<Refund> reserve(String merchant, String paymentId, RefundRequest request) {
        return payments.findForUpdate(paymentId)
                .switchIfEmpty(Mono.error(() -> new TmcpException(ErrorCode.PAYMENT_NOT_FOUND, "No such payment")))
                .flatMap(payment -> {
                    if (!payment.miniappId().equals(merchant)) {
                        return Mono.error(new TmcpException(ErrorCode.INSUFFICIENT_PERMISSIONS,
                                "This payment belongs to another mini-app"));
                    }
                    String currency = payment.amount().currencyCode();
                    if (request.currency() != null && !request.currency().equals(currency)) {
                        return Mono.error(new TmcpException(ErrorCode.INVALID_AMOUNT,
                                "The refund's currency must be the payment's, " + currency));
                    }
                    String hash = Digests.sha256Hex(request.amount() == null ? "full"
                            : Money.parse(request.amount(), currency).minorUnits() + "|" + request.reason() + "|"
                                    + request.notes());
                    return Idempotent.replayOrCreate(refunds.find(paymentId, request.idempotencyKey()),
                            existing -> existing.requestHash().equals(hash),
                            "This idempotency key was already used for a different refund",
                            () -> newRefund(payment, request, hash));
                })
                .as(tx::transactional);
    }

    private Mono<Refund> newRefund(Payment payment, RefundRequest request, String hash) {
        // An unsettled payment has nothing to sum: RefundAmounts refuses it whatever is reserved.
        Mono<Long> reservedMinor = payment.settled() ? refunds.reservedMinor(payment.paymentId()) : Mono.just(0L);
        return reservedMinor.flatMap(reserved -> {
            Refund refund = new Refund(Ids.next("rfd_"), payment.paymentId(), request.idempotencyKey(), hash,
                    RefundAmounts.next(payment, request.amount(), reserved), request.reason(), request.notes(),
                    RefundStatus.PENDING, null, null, null, Instant.now(), null);
            return refunds.insert(refund).thenReturn(refund);
        });
    }

    /**
     * Reconciles refunds left pending (ADR 0039): the movement is asked of the wallet again under the
     * same reference, which either answers the first movement (the refund completes with its event)
     * or makes it now, or refuses it (the refund fails and no longer reserves its amount). An outage
     * leaves it pending for the next round. Emits how many refunds reached an end.
     */
    Mono<Long> reconcile(Instant createdBefore, int limit) {
        return refunds.pendingBefore(createdBefore, limit)
                .concatMap(refund -> execute(refund).thenReturn(1L)
                        .onErrorResume(e -> refunds.find(refund.refundId())
                                .map(now -> now.status() == RefundStatus.PENDING ? 0L : 1L)))
                .reduce(0L, Long::sum);
    }

    private Mono<Outcome> execute(Refund refund) {
        if (refund.status() != RefundStatus.PENDING) {
            return refund.status() == RefundStatus.FAILED
                    ? Mono.error(new TmcpException(ErrorCode.PAYMENT_FAILED, "This refund failed",
                            Map.of("refund_id", refund.refundId(), "error_code", String.valueOf(refund.errorCode()))))
                    : outcome(refund.refundId());
        }
        return payments.find(refund.paymentId()).flatMap(payment -> wallet.refund("refund:" + refund.refundId(),
                        new MiniAppId(payment.miniappId()), UserId.of(payment.payerUserId()), refund.amount())
                .flatMap(moved -> complete(refund, moved))
                .onErrorResume(e -> e instanceof TmcpException t && t.code().httpStatus() < 500
                                && t.code() != ErrorCode.RATE_LIMIT_EXCEEDED,
                        e -> refunds.fail(refund.refundId(), ((TmcpException) e).code().name()).then(Mono.error(e))));
    }

    private Mono<Outcome> complete(Refund refund, WalletClient.RefundResult moved) {
        return payments.findForUpdate(refund.paymentId()).flatMap(payment -> {
            EventEnvelope event = EventCodec.envelope(PaymentRefunded.TYPE, "payment-service", payment.paymentId(),
                    new PaymentRefunded(payment.paymentId(), refund.refundId(), moved.ledgerTxnId(),
                            refund.amount().toDecimal(), refund.amount().currencyCode(),
                            new Payer(payment.payerUserId(), payment.payerWalletId()), payment.miniappId(), null,
                            payment.roomId(), refund.reason(), Instant.now().toString()));
            return refunds.complete(refund.refundId(), moved.ledgerTxnId(), event.id())
                    .flatMap(won -> won
                            ? payments.addRefunded(payment.paymentId(), refund.amount().minorUnits())
                                    .then(outbox.append(Topics.PAYMENT, event))
                                    .then(balances.changed(payment.payerUserId(), moved.recipientWalletId(),
                                            moved.availableAfter(), refund.amount(), payment.miniappId(), "refund",
                                            payment.paymentId()))
                            : Mono.empty());
        }).then(outcome(refund.refundId())).as(tx::transactional);
    }

    private Mono<Outcome> outcome(String refundId) {
        return refunds.find(refundId).flatMap(refund -> payments.find(refund.paymentId())
                .map(payment -> new Outcome(refund, payment)));
    }
}
