package dev.tmcp.payment.refund;

import dev.tmcp.core.money.Money;
import java.time.Instant;

/** A refund of a mini-app payment (spec 7.4), merchant → payer. */
record Refund(String refundId, String paymentId, String idempotencyKey, String requestHash, Money amount,
        String reason, String notes, RefundStatus status, String txnId, String eventId, String errorCode,
        Instant createdAt, Instant completedAt) {
}
