package dev.tmcp.core.event.payment;

import java.math.BigDecimal;

/**
 * {@code payment.failed} on {@code tmcp.payment}: a mini-app payment did not go through.
 * {@code errorCode} is the spec 12.2 code (for example {@code INSUFFICIENT_FUNDS}).
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
        String timestamp) {

    public static final String TYPE = "payment.failed";
}
