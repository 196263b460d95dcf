package dev.tmcp.payment.payment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import dev.tmcp.core.money.Money;
import java.math.BigDecimal;
import java.time.Instant;

/** A payment as spec 7.3.1 (request), 7.3.3 (completion) and the status read show it. */
@JsonInclude(Include.NON_NULL)
record PaymentView(String paymentId, String status, String txnId, BigDecimal amount, String currency,
        String description, String merchantOrderId, Payer payer, Merchant merchant, Boolean authorizationRequired,
        BigDecimal refundedAmount, PaymentError error, String expiresAt, String createdAt, String completedAt) {

    static PaymentView of(Payment p) {
        return of(p, Instant.now());
    }

    static PaymentView of(Payment p, Instant now) {
        PaymentStatus status = p.visibleStatus(now);
        String currency = p.amount().currencyCode();
        return new PaymentView(p.paymentId(), status.wire(), p.txnId(), p.amount().toDecimal(), currency,
                p.description(), p.merchantOrderId(), new Payer(p.payerUserId(), p.payerWalletId()),
                new Merchant(p.miniappId(), p.merchantWalletId()),
                // Left out, not false, once the payer has acted.
                status.awaitingPayer() ? Boolean.TRUE : null,
                p.refundedMinor() > 0 ? Money.ofMinor(p.refundedMinor(), currency).toDecimal() : null,
                p.errorCode() == null ? null : PaymentError.of(p.errorCode(), p.errorMessage()),
                p.expiresAt().toString(), p.createdAt().toString(),
                p.completedAt() == null ? null : p.completedAt().toString());
    }

    @JsonInclude(Include.NON_NULL)
    record Payer(String userId, String walletId) {
    }

    @JsonInclude(Include.NON_NULL)
    record Merchant(String miniappId, String walletId) {
    }

    record PaymentError(String code, String message) {

        static PaymentError of(String code, String message) {
            return new PaymentError(code, message == null ? "" : message);
        }
    }
}
