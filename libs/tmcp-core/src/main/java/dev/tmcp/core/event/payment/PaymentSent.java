package dev.tmcp.core.event.payment;

import java.math.BigDecimal;

/**
 * {@code payment.sent} on {@code tmcp.payment}: the payer authorized a mini-app payment (spec
 * 7.3.2) and it was handed to the wallet; the money has not settled yet. {@code roomId} is where
 * the mini-app was launched (may be null: then no room card is posted).
 */
public record PaymentSent(
        String paymentId,
        BigDecimal amount,
        String currency,
        Payer payer,
        String miniappId,
        String miniappName,
        String roomId,
        String description,
        String timestamp) {

    public static final String TYPE = "payment.sent";
}
