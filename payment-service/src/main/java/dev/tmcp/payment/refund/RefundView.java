package dev.tmcp.payment.refund;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import dev.tmcp.core.money.Money;
import java.math.BigDecimal;

/** Spec 7.4: the refund, with where its payment now stands. */
@JsonInclude(Include.NON_NULL)
record RefundView(String refundId, String paymentId, String status, BigDecimal amount, String currency, String reason,
        String notes, String txnId, String paymentStatus, BigDecimal refundedAmount, String createdAt,
        String completedAt) {

    static RefundView of(Refunds.Outcome outcome) {
        Refund r = outcome.refund();
        var payment = outcome.payment();
        return new RefundView(r.refundId(), r.paymentId(), r.status().wire(), r.amount().toDecimal(),
                r.amount().currencyCode(), r.reason(), r.notes(), r.txnId(), payment.status().wire(),
                Money.ofMinor(payment.refundedMinor(), payment.amount().currencyCode()).toDecimal(),
                r.createdAt().toString(), r.completedAt() == null ? null : r.completedAt().toString());
    }
}
