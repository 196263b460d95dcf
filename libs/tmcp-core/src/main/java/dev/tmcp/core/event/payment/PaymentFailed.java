package dev.tmcp.core.event.payment;

import java.math.BigDecimal;

/**
 * {@code payment.failed} on {@code tmcp.payment}: a mini-app payment did not go through.
 * {@code errorCode} is the spec 12.2 code (for example {@code INSUFFICIENT_FUNDS}); {@code callbackUrl}
 * as in {@link PaymentCompleted}.
 */
public record PaymentFailed(
        String paymentId,
        BigDecimal amount,
        String currency,
        Payer payer,
        String miniappId,
        String miniappName,
        String roomId,
        String errorCode,
        String errorMessage,
        String timestamp,
        String callbackUrl) {

    public static final String TYPE = "payment.failed";

    /** A payment without a callback URL of its own. */
    public PaymentFailed(String paymentId, BigDecimal amount, String currency, Payer payer, String miniappId,
            String miniappName, String roomId, String errorCode, String errorMessage, String timestamp) {
        this(paymentId, amount, currency, payer, miniappId, miniappName, roomId, errorCode, errorMessage, timestamp, null);
    }
}
