package dev.tmcp.payment.refund;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.money.Money;
import dev.tmcp.payment.payment.Payment;
import java.math.BigDecimal;
import java.util.Map;

/**
 * What a new refund may take (spec 7.4): only a settled payment is refunded, and pending and
 * completed refunds together never exceed the captured amount. No amount asked means all that is left.
 */
final class RefundAmounts {

    private RefundAmounts() {
    }

    /** {@code reservedMinor}: what the payment's pending and completed refunds take already. */
    static Money next(Payment payment, BigDecimal requested, long reservedMinor) {
        if (!payment.settled()) {
            throw new TmcpException(ErrorCode.INVALID_STATE,
                    "Only a completed payment can be refunded; this one is " + payment.status().wire());
        }
        String currency = payment.amount().currencyCode();
        long refundable = payment.amount().minorUnits() - reservedMinor;
        long amount = requested == null ? refundable : Money.parsePositive(requested, currency).minorUnits();
        if (amount <= 0 || amount > refundable) {
            throw new TmcpException(ErrorCode.INVALID_AMOUNT, "The refund exceeds what is left to refund",
                    Map.of("refundable_amount", Money.ofMinor(refundable, currency).toDecimal()));
        }
        return Money.ofMinor(amount, currency);
    }
}
