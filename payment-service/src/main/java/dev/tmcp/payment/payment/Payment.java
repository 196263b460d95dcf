package dev.tmcp.payment.payment;

import dev.tmcp.core.money.Money;
import java.time.Instant;

/** A mini-app payment (spec 7.3) and where it is in the state machine of 7.1. */
public record Payment(String paymentId, String idempotencyKey, String requestHash, String payerUserId,
        String payerWalletId, String miniappId, String merchantWalletId, Money amount, String description,
        String merchantOrderId, String items, String callbackUrl, String roomId, String status,
        String mfaChallengeId, boolean mfaVerified, String holdId, String txnId, long refundedMinor,
        String errorCode, String errorMessage, String eventId, Instant expiresAt, Instant authorizedAt,
        Instant completedAt, Instant createdAt) {

    public static final String PENDING_AUTHORIZATION = "pending_authorization";
    public static final String MFA_REQUIRED = "mfa_required";
    public static final String AUTHORIZED = "authorized";
    public static final String PROCESSING = "processing";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String EXPIRED = "expired";
    public static final String PARTIALLY_REFUNDED = "partially_refunded";
    public static final String REFUNDED = "refunded";

    /** Still waiting for the payer: authorization (or its MFA step) has not begun to move money. */
    public boolean awaitingPayer() {
        return PENDING_AUTHORIZATION.equals(status) || MFA_REQUIRED.equals(status);
    }

    public boolean expiredAt(Instant now) {
        return awaitingPayer() && now.isAfter(expiresAt);
    }

    /** Captured to the merchant: completed, possibly refunded since. */
    public boolean settled() {
        return COMPLETED.equals(status) || PARTIALLY_REFUNDED.equals(status) || REFUNDED.equals(status);
    }

    /** The status a reader sees: a payment left waiting past its expiry reads {@code expired}. */
    public String visibleStatus(Instant now) {
        return expiredAt(now) ? EXPIRED : status;
    }

    /** The exact string the payer's device signs (spec 7.3.2; decision 0022). */
    public String signedMessage(String timestamp) {
        return paymentId + ":" + amount.toDecimal().toPlainString() + ":" + amount.currencyCode() + ":" + timestamp;
    }
}
