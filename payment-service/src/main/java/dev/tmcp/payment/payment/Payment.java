package dev.tmcp.payment.payment;

import dev.tmcp.core.money.Money;
import java.time.Instant;

/** A mini-app payment (spec 7.3) and where it is in the state machine of 7.1. */
public record Payment(String paymentId, String idempotencyKey, String requestHash, String payerUserId,
        String payerWalletId, String miniappId, String merchantWalletId, Money amount, String description,
        String merchantOrderId, String items, String callbackUrl, String roomId, PaymentStatus status,
        String mfaChallengeId, boolean mfaVerified, String holdId, String txnId, long refundedMinor,
        String errorCode, String errorMessage, String eventId, Instant expiresAt, Instant authorizedAt,
        Instant completedAt, Instant createdAt) {

    /** Still waiting for the payer: authorization (or its MFA step) has not begun to move money. */
    public boolean awaitingPayer() {
        return status.awaitingPayer();
    }

    public boolean expiredAt(Instant now) {
        return awaitingPayer() && now.isAfter(expiresAt);
    }

    /** Captured to the merchant: completed, possibly refunded since. */
    public boolean settled() {
        return status.settled();
    }

    /** The status a reader sees: a payment left waiting past its expiry reads {@code expired}. */
    public PaymentStatus visibleStatus(Instant now) {
        return expiredAt(now) ? PaymentStatus.EXPIRED : status;
    }

    /** The exact string the payer's device signs (spec 7.3.2; decision 0022). */
    public String signedMessage(String timestamp) {
        return paymentId + ":" + amount.toDecimal().toPlainString() + ":" + amount.currencyCode() + ":" + timestamp;
    }
}
