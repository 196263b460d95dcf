package dev.tmcp.core.event.payment;

import java.math.BigDecimal;

/**
 * {@code payment.completed} on {@code tmcp.payment}: a mini-app payment settled (spec 7.3.3);
 * {@code txnId} is the wallet transaction. {@code roomId} may be null: then no room card is posted.
 * {@code callbackUrl} is the payment request's (7.3.1): the webhook goes there instead of the app's
 * {@code webhook_url} (decision 0050).
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
        String timestamp,
        String callbackUrl) {

    public static final String TYPE = "payment.completed";

    /** A payment without a callback URL of its own. */
    public PaymentCompleted(String paymentId, String txnId, BigDecimal amount, String currency, Payer payer,
            String miniappId, String miniappName, String roomId, String description, String timestamp) {
        this(paymentId, txnId, amount, currency, payer, miniappId, miniappName, roomId, description, timestamp, null);
    }
}
