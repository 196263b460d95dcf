package dev.tmcp.payment.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.money.Money;
import dev.tmcp.payment.payment.Payment;
import dev.tmcp.payment.payment.PaymentStatus;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Refunds never exceed the captured amount, and only a settled payment is refunded (spec 7.4). */
class RefundAmountsTest {

    @Test
    void aPartialRefundTakesWhatIsAsked() {
        assertThat(RefundAmounts.next(payment(PaymentStatus.COMPLETED), new BigDecimal("4.00"), 0))
                .isEqualTo(Money.ofMinor(400, "USD"));
    }

    @Test
    void noAmountRefundsAllThatIsLeft() {
        assertThat(RefundAmounts.next(payment(PaymentStatus.PARTIALLY_REFUNDED), null, 300))
                .isEqualTo(Money.ofMinor(700, "USD"));
    }

    @Test
    void theWholeCapturedAmountMayBeRefunded() {
        assertThat(RefundAmounts.next(payment(PaymentStatus.COMPLETED), new BigDecimal("10.00"), 0))
                .isEqualTo(Money.ofMinor(1000, "USD"));
    }

    @Test
    void aRefundOverTheCapturedAmountIsRefusedWithWhatIsLeft() {
        assertThatThrownBy(() -> RefundAmounts.next(payment(PaymentStatus.COMPLETED), new BigDecimal("10.01"), 0))
                .isInstanceOfSatisfying(TmcpException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_AMOUNT);
                    assertThat(e.details()).containsEntry("refundable_amount", new BigDecimal("10.00"));
                });
    }

    @Test
    void aRefundOverWhatOtherRefundsLeftIsRefused() {
        assertRefused(() -> RefundAmounts.next(payment(PaymentStatus.PARTIALLY_REFUNDED), new BigDecimal("7.01"), 300),
                ErrorCode.INVALID_AMOUNT);
    }

    @Test
    void aFullyRefundedPaymentHasNothingLeftToRefund() {
        assertRefused(() -> RefundAmounts.next(payment(PaymentStatus.REFUNDED), null, 1000), ErrorCode.INVALID_AMOUNT);
    }

    @Test
    void aPaymentNotCapturedCannotBeRefunded() {
        for (PaymentStatus status : new PaymentStatus[] {PaymentStatus.PENDING_AUTHORIZATION, PaymentStatus.PROCESSING,
                PaymentStatus.FAILED, PaymentStatus.EXPIRED}) {
            assertRefused(() -> RefundAmounts.next(payment(status), null, 0), ErrorCode.INVALID_STATE);
        }
    }

    private static void assertRefused(Runnable call, ErrorCode code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(TmcpException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    /** A 10.00 USD payment. */
    static Payment payment(PaymentStatus status) {
        Instant now = Instant.now();
        return new Payment("pay_1", "key", "hash", "@alice:test", "tw_alice", "ma_shop", "tw_shop",
                Money.ofMinor(1000, "USD"), null, null, null, null, null, status, null, false, "hold_1", "txn_1", 0,
                null, null, null, now.plusSeconds(300), null, null, now);
    }
}
