package dev.tmcp.core.event.payment;

import java.math.BigDecimal;

/**
 * {@code payment.refunded} on {@code tmcp.payment}: a refund of a mini-app payment was processed
 * (spec 7.4). {@code amount} is the refunded amount, which may be less than the payment.
 */
public record PaymentRefunded(
        String paymentId,
        String refundId,
        String txnId,
        BigDecimal amount,
        String currency,
        Payer payer,
        String miniappId,
        String miniappName,
        String roomId,
        String reason,
        String timestamp) {

    public static final String TYPE = "payment.refunded";
}
