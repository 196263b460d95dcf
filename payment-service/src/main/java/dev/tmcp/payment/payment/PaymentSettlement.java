package dev.tmcp.payment.payment;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.EventEnvelope;
import dev.tmcp.core.event.Topics;
import dev.tmcp.core.event.payment.Payer;
import dev.tmcp.core.event.payment.PaymentCompleted;
import dev.tmcp.core.event.payment.PaymentFailed;
import dev.tmcp.core.id.MiniAppId;
import dev.tmcp.payment.failures.PaymentFailures;
import dev.tmcp.payment.wallet.WalletClient;
import dev.tmcp.web.outbox.OutboxWriter;
import dev.tmcp.web.tep.TepPrincipal;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Moves an authorized payment's money: a hold on the payer (with the payer's TEP, reference
 * {@code payment:{id}}), then its capture to the mini-app's merchant wallet (with payment-service's
 * credentials), then {@code completed} and {@code payment.completed} in one transaction. Every step
 * is keyed by a reference, so running it again — a retried authorize, or the recovery job after a
 * crash — finishes what was started and never moves money twice. A refusal by the wallet (funds,
 * limits, account state) fails the payment, gives back what was held and writes {@code payment.failed};
 * an outage leaves it {@code processing} for the next attempt.
 */
@Service
class PaymentSettlement {

    private static final Logger log = LoggerFactory.getLogger(PaymentSettlement.class);

    private final PaymentRepository payments;
    private final WalletClient wallet;
    private final BalanceEvents balances;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final PaymentFailures failures;

    PaymentSettlement(PaymentRepository payments, WalletClient wallet, OutboxWriter outbox, TransactionalOperator tx,
            PaymentFailures failures, BalanceEvents balances) {
        this.balances = balances;
        this.payments = payments;
        this.wallet = wallet;
        this.outbox = outbox;
        this.tx = tx;
        this.failures = failures;
    }

    /** Settles with the payer present (authorize, MFA verify): a missing hold can still be placed. */
    Mono<Payment> settle(Payment payment, TepPrincipal payer) {
        return payments.startProcessing(payment.paymentId())
                .then(payments.find(payment.paymentId()))
                .flatMap(current -> current.status() == PaymentStatus.PROCESSING
                        ? hold(current, payer).flatMap(this::capture)
                        : finished(current));
    }

    /** Finishes a payment found in {@code processing} without the payer (the recovery job). */
    Mono<Payment> resume(Payment payment) {
        if (payment.holdId() != null) {
            return capture(payment);
        }
        // The hold's answer may have been lost: the wallet knows it by our reference.
        return wallet.holdByReference(reference(payment), payment.amount().currency())
                .flatMap(hold -> payments.holdPlaced(payment.paymentId(), hold.holdId(), hold.walletId())
                        .then(payments.find(payment.paymentId()))
                        .flatMap(this::capture))
                .switchIfEmpty(Mono.defer(() -> fail(payment, ErrorCode.PAYMENT_FAILED.name(),
                        "Authorization was interrupted before any money moved")));
    }

    private Mono<Payment> hold(Payment payment, TepPrincipal payer) {
        if (payment.holdId() != null) {
            return Mono.just(payment);
        }
        return wallet.hold(payer, reference(payment), payment.amount(), "payment")
                .flatMap(hold -> payments.holdPlaced(payment.paymentId(), hold.holdId(), hold.walletId())
                        .flatMap(won -> won ? balances.changed(payment.payerUserId(), hold.walletId(), hold.availableAfter(),
                                payment.amount().negate(), payment.miniappId(), "payment", payment.paymentId()) : Mono.empty())
                        .then(payments.find(payment.paymentId()))
                        .as(tx::transactional)
                        .flatMap(current -> releaseIfStray(current, hold)))
                .onErrorResume(PaymentSettlement::refused, e -> {
                    TmcpException refusal = (TmcpException) e;
                    return fail(payment, refusal.code().name(), refusal.getMessage())
                            .then(failures.recordAndRethrow(payment.payerUserId(), refusal));
                });
    }

    /**
     * A hold that landed after the recovery job failed the payment (it found none then) belongs to
     * no payment: it goes back to the payer at once (ADR 0037).
     */
    private Mono<Payment> releaseIfStray(Payment current, WalletClient.HoldResult hold) {
        if (current.status() != PaymentStatus.FAILED || hold.holdId().equals(current.holdId())) {
            return Mono.just(current);
        }
        log.warn("payment {} failed before its hold {} landed: releasing it", current.paymentId(), hold.holdId());
        return wallet.releaseAll(hold.holdId(), reference(current) + ":release", current.amount().currency())
                .thenReturn(current);
    }

    private Mono<Payment> capture(Payment payment) {
        if (payment.status() != PaymentStatus.PROCESSING || payment.holdId() == null) {
            return finished(payment);
        }
        return wallet.capture(payment.holdId(), reference(payment) + ":capture", new MiniAppId(payment.miniappId()),
                        payment.amount())
                .flatMap(captured -> complete(payment, captured))
                .onErrorResume(PaymentSettlement::refused, e -> {
                    TmcpException refusal = (TmcpException) e;
                    log.warn("capture of {} refused ({}): releasing the hold", payment.paymentId(), refusal.code());
                    return wallet.releaseAll(payment.holdId(), reference(payment) + ":release", payment.amount().currency())
                            .then(fail(payment, refusal.code().name(), refusal.getMessage()))
                            .then(Mono.error(refusal));
                });
    }

    private Mono<Payment> complete(Payment payment, WalletClient.CaptureResult captured) {
        EventEnvelope event = EventCodec.envelope(PaymentCompleted.TYPE, "payment-service", payment.paymentId(),
                new PaymentCompleted(payment.paymentId(), captured.ledgerTxnId(), payment.amount().toDecimal(),
                        payment.amount().currencyCode(), payer(payment), payment.miniappId(), null, payment.roomId(),
                        payment.description(), Instant.now().toString(), payment.callbackUrl()));
        return payments.complete(payment.paymentId(), captured.ledgerTxnId(), captured.recipientWalletId(), event.id())
                .flatMap(won -> won ? outbox.append(Topics.PAYMENT, event).then() : Mono.empty())
                .then(payments.find(payment.paymentId()))
                .as(tx::transactional);
    }

    private Mono<Payment> fail(Payment payment, String errorCode, String message) {
        EventEnvelope event = EventCodec.envelope(PaymentFailed.TYPE, "payment-service", payment.paymentId(),
                new PaymentFailed(payment.paymentId(), payment.amount().toDecimal(), payment.amount().currencyCode(),
                        payer(payment), payment.miniappId(), null, payment.roomId(), errorCode, message,
                        Instant.now().toString(), payment.callbackUrl()));
        return payments.fail(payment.paymentId(), errorCode, message, event.id())
                .flatMap(won -> won ? outbox.append(Topics.PAYMENT, event).then() : Mono.empty())
                .then(payments.find(payment.paymentId()))
                .as(tx::transactional);
    }

    /** A payment another request or the job already finished answers as it stands. */
    private static Mono<Payment> finished(Payment payment) {
        if (payment.status() == PaymentStatus.FAILED) {
            return Mono.error(new TmcpException(ErrorCode.PAYMENT_FAILED, "The payment failed",
                    java.util.Map.of("error_code", String.valueOf(payment.errorCode()))));
        }
        return Mono.just(payment);
    }

    /** The wallet said no for the payer's or the request's reasons (a 4xx); outages are not refusals. */
    private static boolean refused(Throwable e) {
        return e instanceof TmcpException t && t.code().httpStatus() < 500 && t.code() != ErrorCode.RATE_LIMIT_EXCEEDED
                && t.code() != ErrorCode.INVALID_TOKEN;
    }

    private static Payer payer(Payment payment) {
        return new Payer(payment.payerUserId(), payment.payerWalletId());
    }

    static String reference(Payment payment) {
        return "payment:" + payment.paymentId();
    }
}
