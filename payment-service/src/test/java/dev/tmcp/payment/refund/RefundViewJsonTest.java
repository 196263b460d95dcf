package dev.tmcp.payment.refund;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude.Include;
import dev.tmcp.core.money.Money;
import dev.tmcp.payment.payment.Payment;
import dev.tmcp.payment.payment.PaymentStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The refund answer as JSON, with the mapper settings of tmcp-defaults.yml (snake_case, nulls left out). */
class RefundViewJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .changeDefaultPropertyInclusion(i -> i.withValueInclusion(Include.NON_NULL).withContentInclusion(Include.NON_NULL))
            .build();

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aCompletedRefundAnswersItsTxnAndWhatThePaymentHasRefundedSoFar() {
        Refund refund = new Refund("ref_1", "pay_1", "key", "hash", Money.ofMinor(500, "USD"), "damaged", "box torn",
                RefundStatus.COMPLETED, "txn_r", "evt_r", null, CREATED, CREATED.plusMillis(1500));

        assertThat(JSON.writeValueAsString(RefundView.of(new Refunds.Outcome(refund, payment(750)))))
                .isEqualTo("{\"refund_id\":\"ref_1\",\"payment_id\":\"pay_1\",\"status\":\"completed\",\"amount\":5.00,"
                        + "\"currency\":\"USD\",\"reason\":\"damaged\",\"notes\":\"box torn\",\"txn_id\":\"txn_r\","
                        + "\"payment_status\":\"partially_refunded\",\"refunded_amount\":7.50,"
                        + "\"created_at\":\"2026-01-01T00:00:00Z\",\"completed_at\":\"2026-01-01T00:00:01.500Z\"}");
    }

    @Test
    void aPendingRefundLeavesOutWhatItDoesNotHaveYet() {
        Refund refund = new Refund("ref_2", "pay_1", "key", "hash", Money.ofMinor(500, "USD"), null, null,
                RefundStatus.PENDING, null, null, null, CREATED, null);

        assertThat(JSON.writeValueAsString(RefundView.of(new Refunds.Outcome(refund, payment(0)))))
                .isEqualTo("{\"refund_id\":\"ref_2\",\"payment_id\":\"pay_1\",\"status\":\"pending\",\"amount\":5.00,"
                        + "\"currency\":\"USD\",\"payment_status\":\"partially_refunded\",\"refunded_amount\":0.00,"
                        + "\"created_at\":\"2026-01-01T00:00:00Z\"}");
    }

    private static Payment payment(long refundedMinor) {
        return new Payment("pay_1", "key", "hash", "@alice:test", "tw_alice", "ma_shop", "tw_shop",
                Money.ofMinor(2000, "USD"), null, null, null, null, null, PaymentStatus.PARTIALLY_REFUNDED, null, false,
                "hold_1", "txn_1", refundedMinor, null, null, null, CREATED, CREATED, CREATED, CREATED);
    }
}
