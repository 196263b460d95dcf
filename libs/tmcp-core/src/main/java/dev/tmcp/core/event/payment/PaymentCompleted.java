package dev.tmcp.core.event.payment;

import java.math.BigDecimal;

/**
 * {@code payment.completed} on {@code tmcp.payment}: a mini-app payment settled (spec 7.3.3);
 * {@code txnId} is the wallet transaction. {@code roomId} may be null: then no room card is posted.
 */
public record PaymentCompleted(
        String paymentId,
        String txnId,
        BigDecimal amount,
        String currency,
        Payer payer,
        String miniappId,
        String miniappName,
        String roomId,
        String description,
        String timestamp) {

    public static final String TYPE = "payment.completed";
}
